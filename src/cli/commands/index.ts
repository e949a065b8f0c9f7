import type { Command } from 'commander';
import { registerAdminCommand } from './admin.ts';
import { registerAuditCommand } from './audit.ts';
import { registerCaptureCommand } from './capture.ts';
import { registerChatCommand } from './chat.ts';
import { registerDbCommand } from './db.ts';
import { registerDemoCommand } from './demo.ts';
import { registerEvidenceCommand } from './evidence.ts';
import { registerKeysCommand } from './keys.ts';
import { registerPdqCommand } from './pdq.ts';
import { registerTriageCommand } from './triage.ts';

/** Registers every sub-command of `csep` on the program. */
export function registerCommands(program: Command): void {
  registerDbCommand(program);
  registerAdminCommand(program);
  registerAuditCommand(program);
  registerDemoCommand(program);
  registerEvidenceCommand(program);
  registerTriageCommand(program);
  registerChatCommand(program);
  registerPdqCommand(program);
  registerCaptureCommand(program);
  registerKeysCommand(program);
}
