import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { testIdProps } from '../findings/test-id.ts';
import { csvImportError } from '../lexicons/lexicons.api.ts';
import { HASH_BANK_CSV_MAX_CHARS, HASH_BANK_NOTE_MAX, importHashBankCsv, type HashBank, type HashBankImportResult } from './hash-banks.api.ts';
import './hash-banks.css';

type Source = 'file' | 'paste';

/** A spreadsheet's UTF-8 byte-order mark is dropped here; the server would accept it too. */
const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * 匯入雜湊清單: adds a partner's CSV (`hash_type,hash,label,source`) to a bank. One bad row refuses
 * the whole import; the server names the row, shown here as it says it.
 */
export function HashBankImportModal({ bank, onClose, onImported }: { bank: HashBank; onClose: () => void; onImported: (result: HashBankImportResult) => void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [pasted, setPasted] = useState('');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const importing = useMutation({ mutationFn: (csv: string) => importHashBankCsv(bank.id, csv, note.trim() || undefined), onSuccess: onImported });
  const rowError = csvImportError(importing.error);

  const submit = () => {
    setLocalError(null);
    const text = withoutBom(source === 'file' ? (file?.text ?? '') : pasted);
    if (text.trim() === '') return setLocalError(t('hashBanks.import.emptyCsv'));
    if (text.length > HASH_BANK_CSV_MAX_CHARS) return setLocalError(t('hashBanks.import.tooLarge'));
    importing.mutate(text);
  };

  return (
    <Modal
      open
      width={720}
      title={t('hashBanks.import.title', { name: bank.name })}
      okText={t('hashBanks.import.ok')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={() => {
        if (!importing.isPending) onClose();
      }}
      confirmLoading={importing.isPending}
      mask={{ closable: false }}
      okButtonProps={testIdProps('hash-bank-import-submit')}
    >
      <Alert className="block-gap" type="info" showIcon title={t('hashBanks.import.intro')} description={<code>hash_type,hash,label,source</code>} />
      {rowError && (
        <Alert
          className="block-gap"
          type="error"
          showIcon
          data-testid="hash-bank-import-error"
          title={t('hashBanks.import.rowError', { row: rowError.row })}
          description={<span className="pre-wrap-text">{rowError.reason}</span>}
        />
      )}
      {importing.isError && !rowError && <Alert className="block-gap" type="error" showIcon title={errorText(t, importing.error)} data-testid="hash-bank-import-error" />}
      {localError && <Alert className="block-gap" type="warning" showIcon title={localError} />}
      <Form layout="vertical" disabled={importing.isPending}>
        <Form.Item label={t('hashBanks.import.source')}>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            options={[
              { value: 'file', label: t('hashBanks.import.fromFile') },
              { value: 'paste', label: t('hashBanks.import.fromPaste') },
            ]}
          />
        </Form.Item>
        {source === 'file' ? (
          <Form.Item label={t('hashBanks.import.file')} extra={file ? t('hashBanks.import.fileChosen', { name: file.name, lines: file.text.split('\n').length }) : undefined}>
            <Upload
              accept=".csv,text/csv,text/plain"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(chosen) => {
                // Read in the page; the CSV travels inside the JSON body, as for keyword lists.
                void chosen.text().then(
                  (text) => setFile({ name: chosen.name, text }),
                  () => setLocalError(t('hashBanks.import.readFailed')),
                );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="hash-bank-import-file">
                {t('hashBanks.import.chooseFile')}
              </Button>
            </Upload>
          </Form.Item>
        ) : (
          <Form.Item label={t('hashBanks.import.paste')}>
            <Input.TextArea
              className="hash-bank-csv-input"
              rows={10}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              placeholder={'hash_type,hash,label,source\nmd5,d41d8cd98f00b204e9800998ecf8427e,label,iWIN'}
              data-testid="hash-bank-import-text"
            />
          </Form.Item>
        )}
        <Form.Item label={t('hashBanks.import.note')}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={HASH_BANK_NOTE_MAX} showCount data-testid="hash-bank-import-note" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('hashBanks.import.allOrNothing')}</Typography.Text>
    </Modal>
  );
}
