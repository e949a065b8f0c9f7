import { useEffect, useState } from 'react';
import { Alert, Form, Modal, Select, Spin } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/errors.ts';
import { CASE_SEARCH_MAX, useCases } from '../cases/cases.api.ts';
import { attachFinding, type Finding } from './findings.api.ts';
import { testIdProps } from './test-id.ts';

/** How many cases the picker offers per search. */
const PICKER_LIMIT = 30;
const SEARCH_DELAY_MS = 300;

/** 併入既有案件: adds the finding to a case the user may work on, picked by number or title. */
export function AttachModal({ finding, onClose, onDone }: { finding: Finding; onClose: () => void; onDone: (updated: Finding) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [caseId, setCaseId] = useState<string | undefined>();

  // Ask the server once typing pauses, not on every key.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(typed.trim().slice(0, CASE_SEARCH_MAX)), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const cases = useCases(search, PICKER_LIMIT);
  const attaching = useMutation({ mutationFn: (id: string) => attachFinding(finding.id, id), onSuccess: onDone });

  return (
    <Modal
      open
      title={t('findings.attach.title')}
      okText={t('findings.attach.ok')}
      cancelText={t('common.cancel')}
      onOk={() => caseId && attaching.mutate(caseId)}
      okButtonProps={testIdProps('attach-submit', { disabled: !caseId })}
      onCancel={() => {
        if (!attaching.isPending) onClose();
      }}
      confirmLoading={attaching.isPending}
      mask={{ closable: false }}
    >
      {attaching.isError && <Alert className="block-gap" type="error" showIcon title={errorText(t, attaching.error)} data-testid="attach-error" />}
      {cases.isError && <Alert className="block-gap" type="error" showIcon title={t('common.loadFailed')} description={errorText(t, cases.error)} />}
      <Form layout="vertical" disabled={attaching.isPending}>
        <Form.Item label={t('findings.attach.case')} extra={t('findings.attach.help')}>
          <Select
            autoFocus
            value={caseId}
            onChange={setCaseId}
            placeholder={t('findings.attach.placeholder')}
            showSearch={{ filterOption: false, onSearch: setTyped }}
            notFoundContent={cases.isFetching ? <Spin size="small" /> : t('findings.attach.noCases')}
            options={(cases.data ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.title}` }))}
            data-testid="attach-case-select"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
