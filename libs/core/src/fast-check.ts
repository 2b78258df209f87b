/**
 * A cheap yes/no test that lets the API's validation pipe skip class-transformer and
 * class-validator for request bodies that are plainly valid (they cost ~30 µs per gate scan).
 *
 * Contract of the predicate:
 * - Soundness: it may return true only for values that the class's class-validator rules accept
 *   with `whitelist` and `forbidNonWhitelisted` (after plainToInstance: the pipe then copies the
 *   value's enumerable own keys onto `new Class()`, as class-transformer does). Values come from
 *   a body parser, so they are plain data; the predicate need not guard against accessors.
 * - It should return true for the common valid shapes, or it saves nothing.
 * - Returning false is always safe: the full validation runs and answers as it always has.
 * Keep the class-validator decorators: they still define the OpenAPI schema and the full path.
 */
export type FastCheckFn = (value: unknown) => boolean;

const FAST_CHECK = Symbol('fastCheck');

export function FastCheck(check: FastCheckFn): ClassDecorator {
  return (target) => {
    Object.defineProperty(target, FAST_CHECK, { value: check });
  };
}

/**
 * The class's own fast check. A subclass does not inherit its parent's: its rules differ (more
 * fields), so the parent's predicate would accept bodies the subclass refuses.
 */
export function fastCheckOf(metatype: unknown): FastCheckFn | undefined {
  if (typeof metatype !== 'function' || !Object.hasOwn(metatype, FAST_CHECK)) return undefined;
  return (metatype as unknown as Record<symbol, FastCheckFn>)[FAST_CHECK];
}
