import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner for whole-page loading (session probe, lazy routes). */
export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}
