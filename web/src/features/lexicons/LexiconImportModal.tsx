import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { testIdProps } from '../findings/test-id.ts';
import { LEXICON_CSV_MAX_CHARS, LEXICON_NOTE_MAX, csvImportError, importLexiconCsv, type LexiconDetail, type LexiconSummary } from './lexicons.api.ts';

type Source = 'file' | 'paste';

/** A spreadsheet's UTF-8 byte-order mark would make the header unreadable to the server. */
const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * 匯入 CSV: replaces the list's entries with a CSV (`term,category,weight,note`) as a new version.
 * One bad row refuses the whole import; the server names the row, shown here as it says it.
 */
export function LexiconImportModal({ lexicon, onClose, onImported }: { lexicon: LexiconSummary; onClose: () => void; onImported: (updated: LexiconDetail) => void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [pasted, setPasted] = useState('');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const importing = useMutation({ mutationFn: (csv: string) => importLexiconCsv(lexicon.id, csv, note.trim() || undefined), onSuccess: onImported });

  const csv = source === 'file' ? (file?.text ?? '') : pasted;
  const rowError = csvImportError(importing.error);

  const submit = () => {
    setLocalError(null);
    const text = withoutBom(csv);
    if (text.trim() === '') return setLocalError(t('lexicons.import.emptyCsv'));
    if (text.length > LEXICON_CSV_MAX_CHARS) return setLocalError(t('lexicons.import.tooLarge'));
    importing.mutate(text);
  };

  return (
    <Modal
      open
      width={720}
      title={t('lexicons.import.title', { name: lexicon.name })}
      okText={t('lexicons.import.ok')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={() => {
        if (!importing.isPending) onClose();
      }}
      confirmLoading={importing.isPending}
      mask={{ closable: false }}
      okButtonProps={testIdProps('lexicon-import-submit')}
    >
      <Alert className="block-gap" type="info" showIcon title={t('lexicons.import.intro')} description={<code>term,category,weight,note</code>} />
      {rowError && (
        <Alert
          className="block-gap"
          type="error"
          showIcon
          data-testid="lexicon-import-error"
          title={t('lexicons.import.rowError', { row: rowError.row })}
          description={<span className="pre-wrap-text">{rowError.reason}</span>}
        />
      )}
      {importing.isError && !rowError && <Alert className="block-gap" type="error" showIcon title={errorText(t, importing.error)} data-testid="lexicon-import-error" />}
      {localError && <Alert className="block-gap" type="warning" showIcon title={localError} />}
      <Form layout="vertical" disabled={importing.isPending}>
        <Form.Item label={t('lexicons.import.source')}>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            options={[
              { value: 'file', label: t('lexicons.import.fromFile') },
              { value: 'paste', label: t('lexicons.import.fromPaste') },
            ]}
          />
        </Form.Item>
        {source === 'file' ? (
          <Form.Item label={t('lexicons.import.file')} extra={file ? t('lexicons.import.fileChosen', { name: file.name, lines: file.text.split('\n').length }) : undefined}>
            <Upload
              accept=".csv,text/csv,text/plain"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(chosen) => {
                // Read in the page; the CSV travels inside the JSON body (the API takes JSON only).
                void chosen.text().then(
                  (text) => setFile({ name: chosen.name, text }),
                  () => setLocalError(t('lexicons.import.readFailed')),
                );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="lexicon-import-file">
                {t('lexicons.import.chooseFile')}
              </Button>
            </Upload>
          </Form.Item>
        ) : (
          <Form.Item label={t('lexicons.import.paste')}>
            <Input.TextArea
              className="lexicon-csv-input"
              rows={10}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              placeholder={'term,category,weight,note\n援交,solicitation,5,'}
              data-testid="lexicon-import-text"
            />
          </Form.Item>
        )}
        <Form.Item label={t('lexicons.import.note')}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={LEXICON_NOTE_MAX} showCount data-testid="lexicon-import-note" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('lexicons.import.newVersion', { version: lexicon.version + 1 })}</Typography.Text>
    </Modal>
  );
}
