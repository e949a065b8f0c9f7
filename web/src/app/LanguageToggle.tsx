import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/index.ts';

/** Switches between zh-TW and English; the choice is remembered in localStorage. */
export function LanguageToggle({ className }: { className?: string }) {
  const { t } = useTranslation();
  const next = currentLanguage() === 'zh-TW' ? 'en' : 'zh-TW';
  return (
    <Tooltip title={t('header.switchLanguageTitle')}>
      <Button
        className={className}
        type="text"
        icon={<TranslationOutlined />}
        data-testid="lang-toggle"
        aria-label={t('header.switchLanguageTitle')}
        lang={next === 'en' ? 'en' : 'zh-Hant-TW'}
        onClick={() => void setLanguage(next)}
      >
        {t('header.switchLanguage')}
      </Button>
    </Tooltip>
  );
}
