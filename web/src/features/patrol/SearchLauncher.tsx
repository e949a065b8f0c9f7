import { Alert, App, Button, Card, Empty, Space, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Platform } from './patrol.api.ts';
import { nameIn, platformSearchLinks } from './patrol-format.ts';

/**
 * Opens each address in a new tab. The window is opened without `noopener` (with it the browser
 * always answers null and a blocked popup cannot be told apart), and the opener is cut at once.
 * Answers how many the browser's popup blocker refused.
 */
function openAll(hrefs: readonly string[]): number {
  let blocked = 0;
  for (const href of hrefs) {
    const opened = window.open(href, '_blank');
    if (opened) opened.opener = null;
    else blocked += 1;
  }
  return blocked;
}

/** 搜尋啟動器: for each platform of the patrol, a search link per keyword, and one button for all of them. */
export function SearchLauncher({ platformIds, keywords, platforms }: { platformIds: readonly string[]; keywords: readonly string[]; platforms: readonly Platform[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  const byId = new Map(platforms.map((p) => [p.id, p]));

  const launch = (platform: Platform, hrefs: readonly string[]) => {
    const blocked = openAll(hrefs);
    if (blocked > 0) void message.warning({ content: t('patrol.search.blocked', { blocked, total: hrefs.length }), duration: 8 });
    else void message.success(t('patrol.search.opened', { count: hrefs.length, platform: nameIn(language, platform) }));
  };

  return (
    <Card title={<h2 className="card-title">{t('patrol.search.title')}</h2>} data-testid="search-launcher">
      {keywords.length === 0 && <Alert className="block-gap" type="info" showIcon title={t('patrol.search.noKeywords')} />}
      {platformIds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('patrol.search.noPlatforms')} />
      ) : (
        <div className="patrol-search-list">
          {platformIds.map((id) => {
            const platform = byId.get(id);
            if (!platform) {
              return (
                <div key={id} className="patrol-search-row">
                  <Typography.Text type="secondary">{t('patrol.search.unknownPlatform')}</Typography.Text>
                </div>
              );
            }
            const links = platformSearchLinks(platform.searchUrlTemplates, keywords);
            return (
              <div key={id} className="patrol-search-row" data-testid="search-platform" data-platform={platform.code}>
                <div className="patrol-search-head">
                  <Typography.Text strong>{nameIn(language, platform)}</Typography.Text>
                  {links.length > 0 && (
                    <Button
                      size="small"
                      icon={<ExportOutlined />}
                      onClick={() => launch(platform, links.map((l) => l.href))}
                      data-testid={`search-open-all-${platform.code}`}
                    >
                      {t('patrol.search.openAll', { count: links.length })}
                    </Button>
                  )}
                </div>
                {platform.notes && (
                  <div>
                    <Typography.Text type="secondary">{t('patrol.search.platformNotes', { notes: platform.notes })}</Typography.Text>
                  </div>
                )}
                {platform.searchUrlTemplates.length === 0 ? (
                  // The registry's notes usually say how to patrol a platform without a search page.
                  !platform.notes && <Typography.Text type="secondary">{t('patrol.search.noSearchPage')}</Typography.Text>
                ) : (
                  <Space size={[12, 4]} wrap>
                    {links.map((link) => (
                      <a
                        key={link.href}
                        href={link.href}
                        target="_blank"
                        rel="noopener noreferrer"
                        data-testid="search-link"
                        data-platform={platform.code}
                        data-keyword={link.keyword}
                      >
                        {link.host ? t('patrol.search.linkWithHost', { keyword: link.keyword, host: link.host }) : link.keyword}
                      </a>
                    ))}
                  </Space>
                )}
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
