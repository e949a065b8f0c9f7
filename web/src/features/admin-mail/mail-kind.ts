/** A mail kind's catalogue key. Pure, unit-tested alone. */

/** The kinds the server writes today (src/modules/tasks/task-reminders.job.ts, src/modules/cases/case-notices.service.ts, src/modules/takedowns/takedowns.service.ts). */
const KIND_KEYS = {
  'task.overdue': 'taskOverdue',
  'case.notice.social_affairs': 'noticeSocialAffairs',
  'case.notice.child_protection': 'noticeChildProtection',
  'case.notice.fpo': 'noticeFpo',
  'case.notice.cib_request': 'noticeCibRequest',
  'takedown.report': 'takedownReport',
} as const;

export type MailKindKey = (typeof KIND_KEYS)[keyof typeof KIND_KEYS];

/** The `mail.kinds.*` key of a kind, or null for a kind this screen does not know (shown as written). */
export function mailKindKey(kind: string): MailKindKey | null {
  return Object.hasOwn(KIND_KEYS, kind) ? KIND_KEYS[kind as keyof typeof KIND_KEYS] : null;
}
