/** Exit codes: 0 ok, 1 failed, 2 bad usage, 3 partial. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, partial: 3 });

/** An error the CLI reports in one line and exits with `code`. */
export class CliError extends Error {
  /** @param {string} message @param {number} code */
  constructor(message, code) {
    super(message);
    this.name = "CliError";
    this.code = code;
  }
}

export class UsageError extends CliError {
  /** @param {string} message */
  constructor(message) {
    super(message, EXIT.usage);
    this.name = "UsageError";
  }
}

/** An application/problem+json answer (RFC 9457), or a network failure (status 0). */
export class ApiProblem extends CliError {
  /** @param {{ status: number, type?: string, title: string, detail: string, errors?: { path: string, message: string }[], retryAfterSeconds?: number }} problem */
  constructor(problem) {
    super(`${problem.title}${problem.status ? ` (${problem.status})` : ""}: ${problem.detail}`, EXIT.failed);
    this.name = "ApiProblem";
    this.problem = problem;
  }
}
