// Loaded first by the strict-CSP test page (test/support/csp-pages.mjs), as a script from 'self':
// records every Content Security Policy violation of the page, from the first one.
window.cspViolations = [];
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
