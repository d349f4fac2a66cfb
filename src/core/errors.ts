// UserError is a refusal the person who typed the command should read (with the usage line);
// anything else thrown is internal: logged in full, answered with a short apology.

/** A problem with what the user asked; its message is shown to them. */
export class UserError extends Error {
  readonly hint?: string;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
  }
}

/** A permission refusal; shown like a UserError but counted separately. */
export class PermissionError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'PermissionError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** A short, safe description of any thrown value for logs. */
export function describeError(e: unknown): { message: string; stack?: string } {
  if (e instanceof Error) return { message: e.message, stack: e.stack };
  return { message: String(e) };
}
