import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppConfig } from '../core/config.ts';
import type { DatabaseHandle } from '../core/db/client.ts';
import type { JobQueue } from '../core/queue/job-queue.ts';
import type { Vault } from '../core/vault/vault.ts';
import type { JobDefinition } from '../core/queue/job-definition.ts';
import type { SigningKey } from '../capture/index.ts';
import type { PdfPrinter } from '../core/documents/pdf-printer.ts';
import type { IdentityKey } from '../core/identity/identity-key.ts';
import type { KnownImageMatching } from '../modules/hash-banks/image-hash.job.ts';
import type { VictimKey } from '../core/identity/victim-key.ts';

/** What the routes may use: validated configuration, the database and the job queue. */
/** The capture job, once the worker side is set up. */
export type CaptureDeps = { job: JobDefinition<{ captureRequestId: string }> };

export type AppDeps = {
  config: AppConfig;
  database: DatabaseHandle;
  queue: JobQueue | null;
  vault: Vault;
  /** One Chromium for every printed document, launched on the first print, closed with the app. */
  printer: PdfPrinter;
  /** The server's Ed25519 key: signs capture manifests and export packages. */
  signingKey: SigningKey;
  /** Encrypts reporters' identities (G6.3.6); separate from the vault's master key. */
  identityKey: IdentityKey;
  /** Encrypts victims' identities (G6.3.6, issue #7); separate from the identity key and the master key. */
  victimKey: VictimKey;
  capture?: CaptureDeps | null;
  /** The removal-check job of takedown targets (issue #6), once the worker side is set up. */
  takedownCheck?: { job: JobDefinition<{ checkId: string }> } | null;
  /** Known-image matching (issue #8): queues hashing of new evidence; holds this process's PDQ index. */
  imageMatching?: KnownImageMatching | null;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** The Fastify instance with TypeBox schemas as the type source. */
export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
