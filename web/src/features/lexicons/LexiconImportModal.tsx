import { useTranslation } from 'react-i18next';
import { CsvImportModal } from '../../lib/CsvImportModal.tsx';
import { LEXICON_CSV_MAX_CHARS, LEXICON_NOTE_MAX, importLexiconCsv, type LexiconDetail, type LexiconSummary } from './lexicons.api.ts';

/** 匯入 CSV: replaces the list's entries with a CSV (`term,category,weight,note`) as a new version. */
export function LexiconImportModal({ lexicon, onClose, onImported }: { lexicon: LexiconSummary; onClose: () => void; onImported: (updated: LexiconDetail) => void }) {
  const { t } = useTranslation();
  return (
    <CsvImportModal
      texts="lexicons.import"
      name={lexicon.name}
      header="term,category,weight,note"
      placeholder={'term,category,weight,note\n援交,solicitation,5,'}
      maxChars={LEXICON_CSV_MAX_CHARS}
      noteMax={LEXICON_NOTE_MAX}
      testIdPrefix="lexicon-import"
      textAreaClassName="lexicon-csv-input"
      footer={t('lexicons.import.newVersion', { version: lexicon.version + 1 })}
      importCsv={(csv, note) => importLexiconCsv(lexicon.id, csv, note)}
      onImported={onImported}
      onClose={onClose}
    />
  );
}
