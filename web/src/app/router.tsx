/**
 * Routes. Sign-in steps sit under /login, one per session stage; the signed-in area is guarded by
 * stage, and each feature page by the roles that may use it (the same lists as the menu).
 * Feature pages load lazily so the sign-in pages stay small.
 */
import { createBrowserRouter, Outlet } from 'react-router-dom';
import { AccountPasswordPage, ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { MfaEnrollPage } from '../features/auth/MfaEnrollPage.tsx';
import { MfaVerifyPage } from '../features/auth/MfaVerifyPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { FullPageSpin } from './FullPageSpin.tsx';
import { RequireActive, RequireRole, StageGate } from './guards.tsx';
import { rolesFor } from './navigation.tsx';
import { NotFoundPage, RouteErrorPage } from './StatusPages.tsx';

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      element: <Outlet />,
      errorElement: <RouteErrorPage />,
      HydrateFallback: FullPageSpin,
      children: [
        {
          path: 'login',
          element: <AuthLayout />,
          children: [
            { element: <StageGate stage="anonymous" />, children: [{ index: true, element: <LoginPage /> }] },
            { path: 'mfa', element: <StageGate stage="mfa_required" />, children: [{ index: true, element: <MfaVerifyPage /> }] },
            {
              path: 'password',
              element: <StageGate stage="password_change_required" />,
              children: [{ index: true, element: <ChangePasswordPage /> }],
            },
            {
              path: 'mfa-enrollment',
              element: <StageGate stage="mfa_enrollment_required" />,
              children: [{ index: true, element: <MfaEnrollPage /> }],
            },
          ],
        },
        {
          element: <RequireActive />,
          children: [
            {
              element: <AppLayout />,
              children: [
                { index: true, lazy: async () => ({ Component: (await import('../features/home/HomePage.tsx')).HomePage }) },
                { path: 'account/password', element: <AccountPasswordPage /> },
                {
                  path: 'admin/users',
                  element: <RequireRole roles={rolesFor('users')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/admin-users/UsersPage.tsx')).UsersPage }) },
                  ],
                },
                {
                  path: 'admin/units',
                  element: <RequireRole roles={rolesFor('units')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/admin-units/UnitsPage.tsx')).UnitsPage }) },
                  ],
                },
                {
                  path: 'admin/platforms',
                  element: <RequireRole roles={rolesFor('platforms')} />,
                  children: [
                    {
                      index: true,
                      lazy: async () => ({ Component: (await import('../features/admin-platforms/PlatformsAdminPage.tsx')).PlatformsAdminPage }),
                    },
                  ],
                },
                {
                  path: 'audit',
                  element: <RequireRole roles={rolesFor('audit')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/audit/AuditPage.tsx')).AuditPage }) }],
                },
                {
                  path: 'audit/evidence',
                  element: <RequireRole roles={rolesFor('evidenceVerify')} />,
                  children: [
                    {
                      index: true,
                      lazy: async () => ({ Component: (await import('../features/evidence/EvidenceVerifyPage.tsx')).EvidenceVerifyPage }),
                    },
                  ],
                },
                {
                  path: 'audit/victim-reveals',
                  element: <RequireRole roles={rolesFor('victimReveals')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/victims/VictimRevealsPage.tsx')).VictimRevealsPage }) },
                  ],
                },
                {
                  path: 'patrol',
                  element: <RequireRole roles={rolesFor('patrol')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/patrol/PatrolPage.tsx')).PatrolPage }) }],
                },
                {
                  path: 'patrol-log',
                  element: <RequireRole roles={rolesFor('patrolLog')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/patrol/PatrolLogPage.tsx')).PatrolLogPage }) }],
                },
                {
                  path: 'findings',
                  element: <RequireRole roles={rolesFor('findings')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/findings/FindingsListPage.tsx')).FindingsListPage }) },
                    { path: ':id', lazy: async () => ({ Component: (await import('../features/findings/FindingDetailPage.tsx')).FindingDetailPage }) },
                  ],
                },
                {
                  path: 'findings-sources',
                  element: <RequireRole roles={rolesFor('sources')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/findings/SourcesPage.tsx')).SourcesPage }) }],
                },
                {
                  path: 'cases',
                  element: <RequireRole roles={rolesFor('cases')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/cases/CasesPage.tsx')).CasesPage }) },
                    { path: ':id', lazy: async () => ({ Component: (await import('../features/cases/CaseDetailPage.tsx')).CaseDetailPage }) },
                  ],
                },
                {
                  path: 'board',
                  element: <RequireRole roles={rolesFor('board')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/board/BoardPage.tsx')).BoardPage }) }],
                },
                {
                  path: 'takedowns',
                  element: <RequireRole roles={rolesFor('takedowns')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/takedowns/TakedownsPage.tsx')).TakedownsPage }) },
                    // Before ':id', so "speed" is never read as a target id.
                    {
                      path: 'speed',
                      element: <RequireRole roles={rolesFor('takedownSpeed')} />,
                      children: [{ index: true, lazy: async () => ({ Component: (await import('../features/takedowns/TakedownSpeedPage.tsx')).TakedownSpeedPage }) }],
                    },
                    { path: ':id', lazy: async () => ({ Component: (await import('../features/takedowns/TakedownDetailPage.tsx')).TakedownDetailPage }) },
                  ],
                },
                {
                  path: 'outreach',
                  element: <RequireRole roles={rolesFor('outreach')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/outreach/OutreachPage.tsx')).OutreachPage }) }],
                },
                {
                  path: 'training',
                  element: <RequireRole roles={rolesFor('training')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/training/TrainingPage.tsx')).TrainingPage }) },
                    { path: 'me', lazy: async () => ({ Component: (await import('../features/training/OfficerTrainingPage.tsx')).OfficerTrainingPage }) },
                    { path: 'officers/:id', lazy: async () => ({ Component: (await import('../features/training/OfficerTrainingPage.tsx')).OfficerTrainingPage }) },
                  ],
                },
                {
                  path: 'evaluation/rules',
                  element: <RequireRole roles={rolesFor('evaluationRules')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/evaluation/RuleSetsPage.tsx')).RuleSetsPage }) }],
                },
                {
                  path: 'evaluation',
                  element: <RequireRole roles={rolesFor('evaluation')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/evaluation/EvaluationPage.tsx')).EvaluationPage }) }],
                },
                {
                  path: 'liaison',
                  element: <RequireRole roles={rolesFor('liaison')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/liaison/LiaisonPage.tsx')).LiaisonPage }) }],
                },
                {
                  path: 'admin/mail',
                  element: <RequireRole roles={rolesFor('mail')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/admin-mail/MailOutboxPage.tsx')).MailOutboxPage }) }],
                },
                {
                  path: 'hash-banks',
                  element: <RequireRole roles={rolesFor('hashBanks')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/hash-banks/HashBanksPage.tsx')).HashBanksPage }) }],
                },
                {
                  path: 'lexicons',
                  element: <RequireRole roles={rolesFor('lexicons')} />,
                  children: [{ index: true, lazy: async () => ({ Component: (await import('../features/lexicons/LexiconsPage.tsx')).LexiconsPage }) }],
                },
                {
                  path: 'evidence',
                  element: <RequireRole roles={rolesFor('evidence')} />,
                  children: [
                    { index: true, lazy: async () => ({ Component: (await import('../features/evidence/EvidenceListPage.tsx')).EvidenceListPage }) },
                    {
                      path: 'upload',
                      lazy: async () => ({ Component: (await import('../features/evidence/EvidenceUploadPage.tsx')).EvidenceUploadPage }),
                    },
                    {
                      path: 'capture',
                      lazy: async () => ({ Component: (await import('../features/evidence/EvidenceCapturePage.tsx')).EvidenceCapturePage }),
                    },
                    {
                      path: 'chat-import',
                      lazy: async () => ({ Component: (await import('../features/evidence/EvidenceChatImportPage.tsx')).EvidenceChatImportPage }),
                    },
                    {
                      path: ':id',
                      lazy: async () => ({ Component: (await import('../features/evidence/EvidenceViewerPage.tsx')).EvidenceViewerPage }),
                    },
                  ],
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createRouter>;
