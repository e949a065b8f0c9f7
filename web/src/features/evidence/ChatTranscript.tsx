import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MessageOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import {
  REASON_MIN_LENGTH,
  chatMessagesKey,
  chatPdfUrl,
  getChatMessages,
  startDownload,
  type ChatMessage,
  type ChatMessageKind,
} from './evidence.api.ts';
import { ReasonModal } from './ReasonModal.tsx';
import './evidence.css';

/** Non-text messages carry a tag; the export's own marker ("[貼圖]", "☎ 未接來電") stays as text. */
const KIND_COLOR: Record<Exclude<ChatMessageKind, 'text'>, string> = {
  sticker: 'gold',
  photo: 'cyan',
  video: 'blue',
  file: 'geekblue',
  unsent: 'red',
  call: 'purple',
  system: 'default',
};

/** Messages per table page; a long record stays responsive and the PDF prints all of it. */
const PAGE_SIZE = 100;

type Row = ChatMessage & { index: number };

/** 對話內容: the messages of a chat record, parsed on the server from the sealed export, and its PDF print. */
export function ChatTranscript({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [printing, setPrinting] = useState(false);

  // Reading the messages is a recorded view, like the item itself: nothing stays cached.
  const chat = useQuery({
    queryKey: chatMessagesKey(itemId),
    queryFn: ({ signal }) => getChatMessages(itemId, signal),
    gcTime: 0,
  });

  const rows = useMemo<Row[]>(() => (chat.data ?? []).map((m, index) => ({ ...m, index })), [chat.data]);
  const summary = useMemo(() => {
    const messages = chat.data ?? [];
    const participants = [...new Set(messages.map((m) => m.sender).filter((s) => s !== ''))];
    const times = messages.map((m) => Date.parse(m.time)).filter((ms) => !Number.isNaN(ms));
    return {
      count: messages.length,
      participants,
      from: times.length > 0 ? Math.min(...times) : null,
      to: times.length > 0 ? Math.max(...times) : null,
    };
  }, [chat.data]);

  const columns: TableColumnsType<Row> = [
    {
      title: t('evidence.chat.columns.time'),
      dataIndex: 'time',
      width: 140,
      render: (_, m) => <span className="chat-time">{formatRocDateTime(m.time)}</span>,
    },
    {
      title: t('evidence.chat.columns.sender'),
      dataIndex: 'sender',
      width: 160,
      render: (_, m) =>
        m.sender ? (
          <Typography.Text strong className="chat-sender">
            {m.sender}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('evidence.chat.noSender')}</Typography.Text>
        ),
    },
    {
      title: t('evidence.chat.columns.text'),
      dataIndex: 'text',
      render: (_, m) => (
        <Space size={6} align="start" wrap={false}>
          {m.kind !== 'text' && (
            <Tag color={KIND_COLOR[m.kind]} data-testid="chat-kind" data-kind={m.kind}>
              {t(`evidence.chat.kinds.${m.kind}`)}
            </Tag>
          )}
          <span className={m.kind === 'text' ? 'pre-wrap chat-text' : 'pre-wrap chat-text chat-text-marker'}>{m.text}</span>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space size={8}>
          <MessageOutlined />
          <h2 className="card-title">{t('evidence.chat.title')}</h2>
        </Space>
      }
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} disabled={!chat.isSuccess} data-testid="chat-print">
          {t('evidence.chat.print')}
        </Button>
      }
      data-testid="chat-transcript"
    >
      <Alert className="block-gap" type="info" showIcon title={t('evidence.chat.notice')} />
      {chat.isError && (
        <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, chat.error)} />
      )}
      {chat.isSuccess && (
        <Space className="block-gap chat-summary" size={[16, 4]} wrap data-testid="chat-summary">
          <Typography.Text strong>{t('evidence.chat.summary', { count: summary.count })}</Typography.Text>
          {summary.participants.length > 0 && (
            <Typography.Text>{t('evidence.chat.participants', { names: summary.participants.join('、') })}</Typography.Text>
          )}
          {summary.from !== null && summary.to !== null && (
            <Typography.Text type="secondary">
              {t('evidence.chat.period', { from: formatRocDateTime(summary.from), to: formatRocDateTime(summary.to) })}
            </Typography.Text>
          )}
        </Space>
      )}
      <Table<Row>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={chat.isPending}
        pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.chat.empty')} /> }}
        data-testid="chat-messages"
      />

      {printing && (
        <ReasonModal
          title={t('evidence.chat.printTitle')}
          okText={t('evidence.chat.printOk')}
          prompt={t('evidence.chat.printPrompt', { min: REASON_MIN_LENGTH })}
          onCancel={() => setPrinting(false)}
          onSubmit={(reason) => {
            setPrinting(false);
            startDownload(chatPdfUrl(itemId, reason));
            void message.info(t('evidence.chat.printStarted'));
          }}
        />
      )}
    </Card>
  );
}
