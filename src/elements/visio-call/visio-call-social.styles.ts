import { css } from 'lit';

/** Chat and participants panel, captions and hand notice over the call. */
export const socialStyles = css`
  button.social[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  button.chat {
    position: relative;
  }
  .badge {
    position: absolute;
    top: -0.25rem;
    right: -0.25rem;
    min-width: 1.25rem;
    padding: 0 0.25rem;
    border-radius: 999px;
    background: var(--_danger);
    color: var(--_danger-text);
    font-size: 0.75rem;
    line-height: 1.25rem;
  }
  aside {
    position: absolute;
    top: var(--_gap);
    right: var(--_gap);
    bottom: 4.5rem;
    width: min(22rem, calc(100% - 2 * var(--_gap)));
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 2px 12px rgb(0 0 0 / 0.25);
    z-index: 2;
  }
  .panel-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .panel-header h2 {
    margin: 0;
    font-size: 1.125rem;
  }
  aside visio-chat {
    flex: 1;
    min-height: 0;
  }
  aside visio-participants {
    overflow-y: auto;
  }
  visio-captions {
    position: absolute;
    left: var(--_gap);
    right: var(--_gap);
    bottom: 4.5rem;
    z-index: 1;
  }
  .hand-notice {
    position: absolute;
    top: var(--_gap);
    left: 50%;
    transform: translateX(-50%);
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding: 0.5rem 1rem;
    border-radius: 999px;
    background: var(--_surface);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
    z-index: 3;
  }
`;
