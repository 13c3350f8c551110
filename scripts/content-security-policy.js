/*
 * The Content-Security-Policy of every page, in one place: the build writes it as a meta tag into each page
 * (webpack.config.js) and the hosting configuration sends the same policy as a header (scripts/hosting.js).
 *
 * - script-src: the add-in's bundles and office.js by its folder on Microsoft's CDN (a source ending in "/"
 *   matches that path and below, https://www.w3.org/TR/CSP3/#match-paths), from which office.js loads its
 *   host-specific scripts. Nothing else on that origin, no inline script, no eval.
 * - style-src 'unsafe-inline': office.js's Excel scripts set inline styles (OfficeDev/office-js#1687).
 * - connect-src, frame-src and the rest 'none': the add-in makes no request of its own, and office.js talks
 *   to Excel by messages, not requests. Microsoft publishes no list of what office.js needs
 *   (OfficeDev/office-js#1005); the browser tests load the pane under this policy and fail on any violation.
 * frame-ancestors is not set (it cannot be in a meta tag, and Office frames the pane from its own origins).
 */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The CDN folder office.js and its host scripts load from: https://appsforoffice.microsoft.com/lib/1/hosted/ */
const OFFICE_JS_FOLDER = OFFICE_JS_CDN.slice(0, OFFICE_JS_CDN.lastIndexOf("/") + 1);

/** A page's policy; officeJsFolder is left out when office.js is served with the add-in's own files. */
function contentSecurityPolicy({ officeJsFolder, scripts = true } = {}) {
  const self = "'self'";
  return [
    "default-src 'none'",
    `script-src ${scripts ? [self, officeJsFolder].filter(Boolean).join(" ") : "'none'"}`,
    `style-src ${self}${scripts ? " 'unsafe-inline'" : ""}`,
    `img-src ${self}`,
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** Each page's policy, by file: the pane runs the bundles and office.js, the help and landing pages no script. */
function pagePolicies({ localOfficeJs = false } = {}) {
  return {
    "taskpane.html": contentSecurityPolicy({ officeJsFolder: localOfficeJs ? undefined : OFFICE_JS_FOLDER }),
    "help.html": contentSecurityPolicy({ scripts: false }),
    "index.html": contentSecurityPolicy({ scripts: false }),
  };
}

module.exports = { OFFICE_JS_CDN, contentSecurityPolicy, pagePolicies };
