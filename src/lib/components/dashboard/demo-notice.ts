/**
 * The demo notice can be hidden for the browser session. A session cookie rather than
 * sessionStorage: the server reads it and leaves the notice out of the page it renders, so
 * it never appears and then jumps away once the page's script has run.
 */
export const DEMO_NOTICE_COOKIE = 'parity_demo_notice';

/** No Max-Age or Expires: the browser forgets it when the session ends. */
export const hideDemoNoticeCookie = `${DEMO_NOTICE_COOKIE}=hidden; Path=/; SameSite=Lax`;
