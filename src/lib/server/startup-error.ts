/**
 * A setting or state Parity cannot start with (a database it cannot use, a database a newer
 * release has upgraded): its message says what to change. The server and the CLI print it as
 * one line and stop, rather than a stack trace.
 */
export class StartupError extends Error {
	override name = 'StartupError';
}
