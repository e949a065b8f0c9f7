import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api.ts';

/** One query client for the app: no retries on 4xx answers (they will not change by retrying). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
