import { useState } from 'react';
import { Alert, Card, Empty, List, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../lib/errors.ts';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { matchedImagePreviewUrl, useImageMatches, type ImageMatch, type MatchedImage, type MatchScope } from './hash-banks.api.ts';
import { groupByImage } from './known-image-groups.ts';
import './hash-banks.css';

/** The user's own image, blurred: never the original here, so nobody needs to look at it. */
function BlurredImage({ image }: { image: MatchedImage }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (!image.previewable || failed) {
    return (
      <div className="known-image-thumb known-image-thumb-empty" data-testid="known-image-no-preview">
        <EyeInvisibleOutlined />
      </div>
    );
  }
  return (
    <img
      className="known-image-thumb"
      src={matchedImagePreviewUrl(image)}
      alt={t('hashBanks.matches.previewAlt')}
      data-testid="known-image-preview"
      data-mode="preview"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}

/** How the match was made: exact content, or PDQ within a distance (a rotated or mirrored copy named). */
function MethodTag({ match }: { match: ImageMatch }) {
  const { t } = useTranslation();
  if (match.method !== 'pdq') return <Tag color="red">{t(`hashBanks.methods.${match.method}`)}</Tag>;
  const transformed = match.dihedral !== null && match.dihedral !== 'original';
  return (
    <Space size={4}>
      <Tag color="volcano">{t('hashBanks.methods.pdq', { distance: match.distance })}</Tag>
      {transformed && <Tag data-testid="known-image-transformed">{t('hashBanks.matches.transformed')}</Tag>}
    </Space>
  );
}

function MatchLine({ match, showItem }: { match: ImageMatch; showItem: boolean }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid={match.kind === 'bank' ? 'known-image-bank-match' : 'known-image-case-match'}>
      <Space size={6} wrap>
        <MethodTag match={match} />
        {match.bank && (
          <>
            <Typography.Text strong>{match.bank.name}</Typography.Text>
            <Typography.Text data-testid="known-image-bank-label">{match.bank.label ?? t('hashBanks.matches.noLabel')}</Typography.Text>
            {match.bank.source && <Typography.Text type="secondary">{t('hashBanks.matches.bankSource', { source: match.bank.source })}</Typography.Text>}
            {!match.bank.enabled && <Tag>{t('hashBanks.matches.bankDisabled')}</Tag>}
          </>
        )}
        {match.evidence && (
          <>
            <Typography.Text>{t('hashBanks.matches.otherEvidence', { unit: match.evidence.owningUnitCode })}</Typography.Text>
            {match.evidence.caseId && match.evidence.caseNumber ? (
              <Link to={`/cases/${match.evidence.caseId}`} data-testid="known-image-case-link">
                {match.evidence.caseNumber}
              </Link>
            ) : (
              <Tag>{t('hashBanks.matches.notInCase')}</Tag>
            )}
            <Link to={`/evidence/${match.evidence.evidenceItemId}`} data-testid="known-image-evidence-link">
              {t('hashBanks.matches.openEvidence')}
            </Link>
          </>
        )}
        {showItem && (
          <Link to={`/evidence/${match.image.evidenceItemId}`} data-testid="known-image-own-evidence">
            {t('hashBanks.matches.ownEvidence')}
          </Link>
        )}
        <Typography.Text type="secondary">{formatRocDateTime(match.matchedAt)}</Typography.Text>
      </Space>
    </List.Item>
  );
}

/**
 * 已知影像比對: the images of an evidence item, a finding or a case that match a partner's hash
 * bank or another case's evidence, each shown blurred with the bank's label or the case — or
 * only "another unit's case matches" where the server withheld which (need-to-know, G6.3.6).
 */
export function KnownImageMatchesCard({ scope, id }: { scope: MatchScope; id: string }) {
  const { t } = useTranslation();
  const query = useImageMatches(scope, id);
  const data = query.data;
  const groups = data ? groupByImage(data.matches, data.hidden) : [];

  return (
    <Card
      title={
        <Space size={8}>
          <WarningOutlined />
          <h2 className="card-title">{t('hashBanks.matches.title')}</h2>
        </Space>
      }
      data-testid="known-image-matches"
    >
      {query.isPending && <Spin description={t('app.loading')} />}
      {query.isError && <Alert type="error" showIcon title={t('common.loadFailed')} description={errorText(t, query.error)} />}
      {data && data.pendingItems > 0 && <Alert className="block-gap" type="info" showIcon title={t('hashBanks.matches.pending')} data-testid="known-image-pending" />}
      {data && groups.length === 0 && data.pendingItems === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hashBanks.matches.none', { count: data.hashedImages })} data-testid="known-image-none" />
      )}
      {groups.length > 0 && (
        <>
          <Typography.Paragraph type="secondary">{t('hashBanks.matches.intro')}</Typography.Paragraph>
          <div className="known-image-groups">
            {groups.map((group) => (
              <div key={group.image.id} className="known-image-group" data-testid="known-image-group">
                <BlurredImage image={group.image} />
                <div className="known-image-group-body">
                  <Space size={6} wrap>
                    <Tag>{t(`hashBanks.sources.${group.image.source}`)}</Tag>
                    {group.image.targetUri ? (
                      <Tooltip title={group.image.targetUri}>
                        <Typography.Text className="known-image-uri" type="secondary">
                          {group.image.targetUri}
                        </Typography.Text>
                      </Tooltip>
                    ) : (
                      <Typography.Text type="secondary">{group.image.fileName}</Typography.Text>
                    )}
                  </Space>
                  {group.matches.length > 0 && (
                    <List size="small" dataSource={group.matches} renderItem={(match) => <MatchLine match={match} showItem={scope !== 'evidence'} />} />
                  )}
                  {group.hidden > 0 && (
                    <Alert type="warning" showIcon className="known-image-hidden" title={t('hashBanks.matches.hidden', { count: group.hidden })} data-testid="known-image-hidden" />
                  )}
                </div>
              </div>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}
