import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router-dom';

/** Unknown address inside the signed-in area. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('app.notFoundTitle')}
      subTitle={t('app.notFoundSubtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** A page the user's roles cannot use (the server refuses the data anyway). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('app.forbiddenTitle')}
      subTitle={t('app.forbiddenSubtitle')}
      data-testid="forbidden"
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shown when the session probe itself fails (server down, network). */
export function SessionErrorPage({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="full-page-center">
      <Result
        status="warning"
        title={t('app.sessionLoadFailed')}
        subTitle={t('errors.NETWORK_ERROR')}
        extra={
          <Button type="primary" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        }
      />
    </div>
  );
}

/** The router's error boundary: a render error or a failed lazy chunk. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <div className="full-page-center">
      <Result
        status="error"
        title={t('app.errorTitle')}
        subTitle={t('app.errorSubtitle')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </Button>
        }
      />
    </div>
  );
}
