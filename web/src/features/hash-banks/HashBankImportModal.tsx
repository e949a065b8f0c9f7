import { useTranslation } from 'react-i18next';
import { CsvImportModal } from '../../lib/CsvImportModal.tsx';
import { HASH_BANK_CSV_MAX_CHARS, HASH_BANK_NOTE_MAX, importHashBankCsv, type HashBank, type HashBankImportResult } from './hash-banks.api.ts';
import './hash-banks.css';

/** 匯入雜湊清單: adds a partner's CSV (`hash_type,hash,label,source`) to a bank, all or nothing. */
export function HashBankImportModal({ bank, onClose, onImported }: { bank: HashBank; onClose: () => void; onImported: (result: HashBankImportResult) => void }) {
  const { t } = useTranslation();
  return (
    <CsvImportModal
      texts="hashBanks.import"
      name={bank.name}
      header="hash_type,hash,label,source"
      placeholder={'hash_type,hash,label,source\nmd5,d41d8cd98f00b204e9800998ecf8427e,label,iWIN'}
      maxChars={HASH_BANK_CSV_MAX_CHARS}
      noteMax={HASH_BANK_NOTE_MAX}
      testIdPrefix="hash-bank-import"
      textAreaClassName="hash-bank-csv-input"
      footer={t('hashBanks.import.allOrNothing')}
      importCsv={(csv, note) => importHashBankCsv(bank.id, csv, note)}
      onImported={onImported}
      onClose={onClose}
    />
  );
}
