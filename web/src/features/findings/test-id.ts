import type { ButtonProps } from 'antd';

/**
 * Button props carrying a `data-testid` (for a modal's OK button, which takes its props as an
 * object, where TypeScript does not accept data attributes the way JSX does).
 */
export function testIdProps(testId: string, props: ButtonProps = {}): ButtonProps {
  const withId: ButtonProps & { 'data-testid': string } = { ...props, 'data-testid': testId };
  return withId;
}
