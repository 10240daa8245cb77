import { css } from 'lit';

/** The bar's social buttons, the side panel's header, captions and the toast over the layout. */
export const socialStyles = css`
  button.toggle[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  [part='chat-button'] {
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
  .panel-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .panel-header h2 {
    margin: 0;
    font-size: 1.125rem;
  }
  [part='panel'] visio-chat {
    flex: 1;
    min-height: 0;
  }
  [part='panel'] visio-participants {
    overflow-y: auto;
  }
  visio-captions {
    position: absolute;
    left: var(--_gap);
    right: var(--_gap);
    bottom: var(--_gap);
    z-index: 1;
  }
  .toast {
    position: absolute;
    top: var(--_gap);
    left: 50%;
    transform: translateX(-50%);
    max-width: min(30rem, calc(100% - 4 * var(--_gap)));
    display: flex;
    gap: 0.5rem;
    align-items: center;
    padding: 0.5rem 1rem;
    border-radius: 999px;
    background: var(--_surface);
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
    z-index: 3;
  }
  .toast span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .toast svg {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
  }
`;
