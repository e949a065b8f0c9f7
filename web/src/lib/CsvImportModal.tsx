import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Modal, Radio, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { csvImportError } from '../features/lexicons/lexicons.api.ts';
import { testIdProps } from '../features/findings/test-id.ts';
import { errorText } from './errors.ts';

type Source = 'file' | 'paste';

/** The catalogue sections that hold an import dialog's texts (each has the same keys). */
export type CsvImportTexts = 'lexicons.import' | 'hashBanks.import';

/** A spreadsheet's UTF-8 byte-order mark would make the header unreadable to the server. */
const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export interface CsvImportModalProps<T> {
  /** Where the dialog's texts are in the catalogue. */
  texts: CsvImportTexts;
  /** The list's name, shown in the title. */
  name: string;
  /** The CSV's header line, shown as the expected format. */
  header: string;
  /** An example shown in the empty paste box. */
  placeholder: string;
  maxChars: number;
  noteMax: number;
  /** Prefix of the test ids (`${testIdPrefix}-submit`, `-error`, `-file`, `-text`, `-note`). */
  testIdPrefix: string;
  textAreaClassName: string;
  /** A line under the form (what the import does). */
  footer: ReactNode;
  importCsv: (csv: string, note: string | undefined) => Promise<T>;
  onImported: (result: T) => void;
  onClose: () => void;
}

/**
 * Imports a CSV from a file or pasted text. The CSV is read in the page and travels inside the JSON
 * body. One bad row refuses the whole import; the server names the row, shown here as it says it.
 */
export function CsvImportModal<T>(props: CsvImportModalProps<T>) {
  const { t } = useTranslation();
  const k = props.texts;
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [pasted, setPasted] = useState('');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const importing = useMutation({ mutationFn: (csv: string) => props.importCsv(csv, note.trim() || undefined), onSuccess: props.onImported });
  const rowError = csvImportError(importing.error);
  const testId = (suffix: string) => `${props.testIdPrefix}-${suffix}`;

  const submit = () => {
    setLocalError(null);
    const text = withoutBom(source === 'file' ? (file?.text ?? '') : pasted);
    if (text.trim() === '') return setLocalError(t(`${k}.emptyCsv`));
    if (text.length > props.maxChars) return setLocalError(t(`${k}.tooLarge`));
    importing.mutate(text);
  };

  return (
    <Modal
      open
      width={720}
      title={t(`${k}.title`, { name: props.name })}
      okText={t(`${k}.ok`)}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={() => {
        if (!importing.isPending) props.onClose();
      }}
      confirmLoading={importing.isPending}
      mask={{ closable: false }}
      okButtonProps={testIdProps(testId('submit'))}
    >
      <Alert className="block-gap" type="info" showIcon title={t(`${k}.intro`)} description={<code>{props.header}</code>} />
      {rowError && (
        <Alert
          className="block-gap"
          type="error"
          showIcon
          data-testid={testId('error')}
          title={t(`${k}.rowError`, { row: rowError.row })}
          description={<span className="pre-wrap-text">{rowError.reason}</span>}
        />
      )}
      {importing.isError && !rowError && <Alert className="block-gap" type="error" showIcon title={errorText(t, importing.error)} data-testid={testId('error')} />}
      {localError && <Alert className="block-gap" type="warning" showIcon title={localError} />}
      <Form layout="vertical" disabled={importing.isPending}>
        <Form.Item label={t(`${k}.source`)}>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as Source)}
            options={[
              { value: 'file', label: t(`${k}.fromFile`) },
              { value: 'paste', label: t(`${k}.fromPaste`) },
            ]}
          />
        </Form.Item>
        {source === 'file' ? (
          <Form.Item label={t(`${k}.file`)} extra={file ? t(`${k}.fileChosen`, { name: file.name, lines: file.text.split('\n').length }) : undefined}>
            <Upload
              accept=".csv,text/csv,text/plain"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(chosen) => {
                void chosen.text().then(
                  (text) => setFile({ name: chosen.name, text }),
                  () => setLocalError(t(`${k}.readFailed`)),
                );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid={testId('file')}>
                {t(`${k}.chooseFile`)}
              </Button>
            </Upload>
          </Form.Item>
        ) : (
          <Form.Item label={t(`${k}.paste`)}>
            <Input.TextArea className={props.textAreaClassName} rows={10} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder={props.placeholder} data-testid={testId('text')} />
          </Form.Item>
        )}
        <Form.Item label={t(`${k}.note`)}>
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={props.noteMax} showCount data-testid={testId('note')} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{props.footer}</Typography.Text>
    </Modal>
  );
}
