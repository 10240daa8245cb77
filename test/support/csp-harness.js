// Loaded first by the strict-CSP test page (test/support/csp-pages.mjs), as a script from 'self':
// records every Content Security Policy violation of the page, from the first one, and every
// unhandled promise rejection.
window.cspViolations = [];
window.unhandledRejections = [];
window.addEventListener('unhandledrejection', (event) => window.unhandledRejections.push(String(event.reason)));
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.cspViolations.push({
      directive: event.effectiveDirective || event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}`,
    });
  },
  true,
);
