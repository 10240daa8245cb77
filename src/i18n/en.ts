import type { VisioErrorCode } from '../core/errors.js';

/** Plural forms, chosen with `Intl.PluralRules` for the language; `{count}` is replaced. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** A string, with `{placeholders}`, or plural forms. */
export type Term = string | PluralForms;

/** The shape every language file fills in. English is the reference and the fallback. */
export interface Translation {
  $code: string;
  $name: string;
  /** `rtl` for a language written right to left; `ltr` when not given. */
  $dir?: 'ltr' | 'rtl';
  join: Term;
  connecting: Term;
  reconnecting: Term;
  left: Term;
  rejoin: Term;
  retry: Term;
  leave: Term;
  microphone: Term;
  camera: Term;
  turnOnMicrophone: Term;
  turnOffMicrophone: Term;
  turnOnCamera: Term;
  turnOffCamera: Term;
  you: Term;
  microphoneMuted: Term;
  speaking: Term;
  cameraOff: Term;
  startAudio: Term;
  audioBlocked: Term;
  participantCount: PluralForms;
  participantJoined: Term;
  participantLeft: Term;
  participantRenamed: Term;
  rename: Term;
  newName: Term;
  saveName: Term;
  cancelRename: Term;
  callControls: Term;
  participants: Term;
  errorTitle: Term;
  dismiss: Term;
  // prejoin and devices
  prejoinTitle: Term;
  displayName: Term;
  cameraPreview: Term;
  microphoneLevel: Term;
  speaker: Term;
  deviceNumbered: Term;
  noDeviceFound: Term;
  deviceUnplugged: Term;
  deviceSettings: Term;
  // participant list
  microphoneOn: Term;
  cameraOn: Term;
  sharingScreen: Term;
  previousPage: Term;
  nextPage: Term;
  pageOf: Term;
  stageView: Term;
  otherParticipants: Term;
  tileMenu: Term;
  pin: Term;
  unpin: Term;
  pinned: Term;
  volumeOf: Term;
  screenOf: Term;
  screenShare: Term;
  startScreenShare: Term;
  stopScreenShare: Term;
  qualityExcellent: Term;
  qualityGood: Term;
  qualityPoor: Term;
  qualityLost: Term;
  chat: Term;
  chatMessages: Term;
  chatInput: Term;
  send: Term;
  noMessages: Term;
  unreadMessages: PluralForms;
  newMessage: Term;
  chatTruncated: Term;
  chatTooFast: Term;
  captions: Term;
  turnOnCaptions: Term;
  turnOffCaptions: Term;
  waitingForCaptions: Term;
  captionSettings: Term;
  captionSize: Term;
  sizeSmall: Term;
  sizeMedium: Term;
  sizeLarge: Term;
  captionColors: Term;
  colorsLight: Term;
  colorsYellow: Term;
  colorsDark: Term;
  downloadVtt: Term;
  downloadText: Term;
  raiseHand: Term;
  lowerHand: Term;
  handRaised: Term;
  handRaisedBy: Term;
  closePanel: Term;
  reactions: Term;
  reactionFrom: Term;
  reactionThumbsUp: Term;
  reactionThumbsDown: Term;
  reactionClap: Term;
  reactionHeart: Term;
  reactionLaugh: Term;
  reactionSurprise: Term;
  reactionParty: Term;
  reactionThanks: Term;
  waitingToEnter: Term;
  cancelWaiting: Term;
  recordingOn: Term;
  transcriptOn: Term;
  recordingStarting: Term;
  transcriptStarting: Term;
  recordingSaving: Term;
  transcriptSaving: Term;
  recordingOff: Term;
  recordingRequestedBy: Term;
  transcriptRequestedBy: Term;
  recordingLimitReached: Term;
  transcriptLimitReached: Term;
  recordingMenu: Term;
  startRecording: Term;
  startTranscript: Term;
  stopRecording: Term;
  // moderation
  moderateMute: Term;
  moderateRemove: Term;
  moderateLowerHand: Term;
  moderateMakeAdministrator: Term;
  moderateMakeMember: Term;
  confirmRemove: Term;
  confirmRemoveButton: Term;
  cancelAction: Term;
  moderatedMute: Term;
  moderatedRemove: Term;
  moderatedLowerHand: Term;
  moderatedMakeAdministrator: Term;
  moderatedMakeMember: Term;
  mutedByModerator: Term;
  mutedBy: Term;
  permissionsRemoved: Term;
  permissionsRemovedBy: Term;
  cannotPublishMicrophone: Term;
  cannotPublishCamera: Term;
  cannotPublishScreenShare: Term;
  roleOwner: Term;
  roleAdministrator: Term;
  // more menu, settings and shortcuts
  moreOptions: Term;
  settings: Term;
  devices: Term;
  language: Term;
  captionStyle: Term;
  keyboardShortcuts: Term;
  shortcutsEnabled: Term;
  shortcutsScope: Term;
  showShortcuts: Term;
  shortcutMicrophone: Term;
  shortcutCamera: Term;
  shortcutHand: Term;
  shortcutChat: Term;
  shortcutCaptions: Term;
  shortcutPushToTalk: Term;
  shortcutHelp: Term;
  holdKey: Term;
  noShortcut: Term;
  changeShortcut: Term;
  removeShortcut: Term;
  pressNewKeys: Term;
  resetShortcuts: Term;
  close: Term;
  keyCtrl: Term;
  keyAlt: Term;
  keyShift: Term;
  keySpace: Term;
  change: Term;
  remove: Term;
  shortcutsOff: Term;
  lobbyTitle: Term;
  participantWaiting: Term;
  admit: Term;
  admitName: Term;
  deny: Term;
  denyName: Term;
  admittedName: Term;
  deniedName: Term;
  someone: Term;
  errors: Record<VisioErrorCode, Term>;
  // Pre-call check
  precheckTitle: Term;
  precheckChecking: Term;
  precheckUdp: Term;
  precheckTcp: Term;
  precheckRelay: Term;
  precheckRoundTrip: Term;
  precheckMediaBlocked: Term;
  precheckUnreachable: Term;
  precheckUntested: Term;
  microphoneChecking: Term;
  microphoneSound: Term;
  microphoneSilent: Term;
  microphoneUnknown: Term;
  precheckAgain: Term;
  // Background effects
  background: Term;
  backgroundNone: Term;
  backgroundBlur: Term;
  backgroundOwn: Term;
  chooseOwnImage: Term;
  ownImageNote: Term;
  backgroundUnsupported: Term;
  backgroundNoWebgl: Term;
  // Pop-out and quality
  popOut: Term;
  popIn: Term;
  videoQuality: Term;
  saveData: Term;
  saveDataOff: Term;
  saveDataLowVideo: Term;
  saveDataAudioOnly: Term;
  receiveQuality: Term;
  receiveAuto: Term;
  receiveLow: Term;
  receiveHigh: Term;
  cameraAudioOnly: Term;
  qualityExcellentDetail: Term;
  qualityGoodDetail: Term;
  qualityPoorDetail: Term;
  qualityLostDetail: Term;
  // Noise suppression
  noiseSuppression: Term;
  noiseSuppressionOff: Term;
  noiseSuppressionBrowser: Term;
  noiseSuppressionStrong: Term;
  noiseSuppressionUnavailable: Term;
}

export const en: Translation = {
  $code: 'en',
  $name: 'English',
  join: 'Join the call',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  left: 'You left the call.',
  rejoin: 'Rejoin',
  retry: 'Try again',
  leave: 'Leave the call',
  microphone: 'Microphone',
  camera: 'Camera',
  turnOnMicrophone: 'Turn on microphone',
  turnOffMicrophone: 'Turn off microphone',
  turnOnCamera: 'Turn on camera',
  turnOffCamera: 'Turn off camera',
  you: '{name} (you)',
  microphoneMuted: 'Microphone muted',
  speaking: 'Speaking',
  cameraOff: 'Camera off',
  startAudio: 'Start audio',
  audioBlocked: 'Your browser blocked the sound of the call.',
  participantCount: { one: '{count} participant', other: '{count} participants' },
  participantJoined: '{name} joined the call',
  participantLeft: '{name} left the call',
  participantRenamed: '{from} is now {to}',
  rename: 'Rename',
  newName: 'Your name',
  saveName: 'Save',
  cancelRename: 'Cancel',
  callControls: 'Call controls',
  participants: 'Participants',
  errorTitle: 'The call could not continue',
  dismiss: 'Dismiss',
  // prejoin and devices
  prejoinTitle: 'Ready to join?',
  displayName: 'Your name',
  cameraPreview: 'Camera preview',
  microphoneLevel: 'Microphone level',
  speaker: 'Speaker',
  deviceNumbered: '{kind} {number}',
  noDeviceFound: 'None found',
  deviceUnplugged: '{device} was disconnected. Now using {fallback}.',
  deviceSettings: 'Device settings',
  // participant list
  microphoneOn: 'Microphone on',
  cameraOn: 'Camera on',
  sharingScreen: 'Sharing their screen',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pageOf: 'Page {page} of {count}',
  stageView: 'Focus view',
  otherParticipants: 'Other participants',
  tileMenu: 'Options for {name}',
  pin: 'Pin {name}',
  unpin: 'Unpin {name}',
  pinned: 'Pinned',
  volumeOf: 'Volume of {name}',
  screenOf: 'Screen of {name}',
  screenShare: 'Share screen',
  startScreenShare: 'Share your screen',
  stopScreenShare: 'Stop sharing your screen',
  qualityExcellent: 'Excellent connection',
  qualityGood: 'Good connection',
  qualityPoor: 'Poor connection',
  qualityLost: 'Connection lost',
  chat: 'Chat',
  chatMessages: 'Messages',
  chatInput: 'Message to everyone',
  send: 'Send',
  noMessages: 'No messages yet.',
  unreadMessages: { one: '{count} unread message', other: '{count} unread messages' },
  newMessage: '{name}: {message}',
  chatTruncated: '(truncated)',
  chatTooFast: 'Messages from {name} are arriving too fast; some were not shown.',
  captions: 'Captions',
  turnOnCaptions: 'Turn on captions',
  turnOffCaptions: 'Turn off captions',
  waitingForCaptions: 'Captions will appear here when someone is transcribed.',
  captionSettings: 'Caption settings',
  captionSize: 'Caption size',
  sizeSmall: 'Small',
  sizeMedium: 'Medium',
  sizeLarge: 'Large',
  captionColors: 'Caption colours',
  colorsLight: 'White on black',
  colorsYellow: 'Yellow on black',
  colorsDark: 'Black on white',
  downloadVtt: 'Download the transcript (WebVTT)',
  downloadText: 'Download the transcript (text)',
  raiseHand: 'Raise hand',
  lowerHand: 'Lower hand',
  handRaised: 'Hand raised',
  handRaisedBy: '{name} raised their hand',
  closePanel: 'Close the panel',
  reactions: 'Send a reaction',
  reactionFrom: '{name}: {reaction}',
  reactionThumbsUp: 'Thumbs up',
  reactionThumbsDown: 'Thumbs down',
  reactionClap: 'Applause',
  reactionHeart: 'Heart',
  reactionLaugh: 'Laughter',
  reactionSurprise: 'Surprise',
  reactionParty: 'Celebration',
  reactionThanks: 'Thanks',
  waitingToEnter: 'Waiting for a host to let you in…',
  cancelWaiting: 'Cancel',
  recordingOn: 'This call is being recorded.',
  transcriptOn: 'This call is being transcribed.',
  recordingStarting: 'Recording is starting: this call will be recorded.',
  transcriptStarting: 'Transcription is starting: this call will be transcribed.',
  recordingSaving: 'The recording has stopped and is being saved.',
  transcriptSaving: 'The transcription has stopped and is being saved.',
  recordingOff: 'The call is no longer recorded.',
  recordingRequestedBy: '{name} asks to record the call.',
  transcriptRequestedBy: '{name} asks to transcribe the call.',
  recordingLimitReached: 'The recording reached its maximum length and stopped.',
  transcriptLimitReached: 'The transcription reached its maximum length and stopped.',
  recordingMenu: 'Recording',
  startRecording: 'Record the call',
  startTranscript: 'Transcribe the call',
  stopRecording: 'Stop recording',
  // moderation
  moderateMute: 'Mute {name}',
  moderateRemove: 'Remove {name} from the call',
  moderateLowerHand: 'Lower the hand of {name}',
  moderateMakeAdministrator: 'Make {name} an administrator',
  moderateMakeMember: 'Make {name} a member',
  confirmRemove: 'Remove {name} from the call?',
  confirmRemoveButton: 'Remove',
  cancelAction: 'Cancel',
  moderatedMute: '{name} was muted.',
  moderatedRemove: '{name} was removed from the call.',
  moderatedLowerHand: 'The hand of {name} was lowered.',
  moderatedMakeAdministrator: '{name} is now an administrator.',
  moderatedMakeMember: '{name} is now a member.',
  mutedByModerator: 'A moderator muted your microphone. Turn it on again when you want to speak.',
  mutedBy: '{name}, a moderator, muted your microphone. Turn it on again when you want to speak.',
  permissionsRemoved: 'A moderator no longer lets you share: {sources}.',
  permissionsRemovedBy: '{name}, a moderator, no longer lets you share: {sources}.',
  cannotPublishMicrophone: 'This call does not let you use your microphone.',
  cannotPublishCamera: 'This call does not let you use your camera.',
  cannotPublishScreenShare: 'This call does not let you share your screen.',
  roleOwner: 'Owner',
  roleAdministrator: 'Administrator',
  moreOptions: 'More options',
  settings: 'Settings',
  devices: 'Devices',
  language: 'Language',
  captionStyle: 'Captions',
  keyboardShortcuts: 'Keyboard shortcuts',
  shortcutsEnabled: 'Use keyboard shortcuts',
  shortcutsScope: 'Shortcuts work while the focus is in the call, never while typing in a field.',
  showShortcuts: 'Show keyboard shortcuts',
  shortcutMicrophone: 'Turn the microphone on or off',
  shortcutCamera: 'Turn the camera on or off',
  shortcutHand: 'Raise or lower your hand',
  shortcutChat: 'Show or hide the chat',
  shortcutCaptions: 'Turn captions on or off',
  shortcutPushToTalk: 'Talk while the key is held (push to talk)',
  shortcutHelp: 'Show the keyboard shortcuts',
  holdKey: 'Hold {key}',
  noShortcut: 'None',
  changeShortcut: 'Change: {action}',
  removeShortcut: 'Remove: {action}',
  pressNewKeys: 'Press the new keys (Escape cancels)',
  resetShortcuts: 'Restore the default shortcuts',
  close: 'Close',
  keyCtrl: 'Ctrl',
  keyAlt: 'Alt',
  keyShift: 'Shift',
  keySpace: 'Space',
  change: 'Change',
  remove: 'Remove',
  shortcutsOff: 'Keyboard shortcuts are turned off (see the settings).',
  lobbyTitle: 'Waiting to join',
  participantWaiting: '{name} is waiting to join the call',
  admit: 'Admit',
  admitName: 'Admit {name}',
  deny: 'Deny',
  denyName: 'Deny {name}',
  admittedName: '{name} was let into the call',
  deniedName: '{name} was not let in',
  someone: 'Someone',
  errors: {
    'configuration-invalid': 'This call is not set up correctly (no token endpoint or no room). Contact the site’s administrator.',
    'token-endpoint-unreachable': 'The sign-in service for calls could not be reached. Check your connection and try again.',
    'token-request-timeout': 'The sign-in service for calls took too long to answer. Try again in a moment.',
    'token-unauthorized': 'You are not signed in. Sign in to the site, then try again.',
    'token-forbidden': 'You are not allowed to join this call.',
    'token-request-failed': 'The sign-in service for calls had a problem. Try again in a moment.',
    'token-response-not-json': 'The sign-in service for calls gave an unexpected answer. You may need to sign in again.',
    'token-response-invalid': 'The sign-in service for calls gave an incomplete answer. Contact the site’s administrator.',
    'token-expired': 'Your access to this call has expired. Try again.',
    'token-rejected': 'The video server refused your access to this call. Contact the site’s administrator.',
    'server-unreachable': 'The video server could not be reached. Check your connection and try again.',
    'connection-lost': 'The connection to the call was lost.',
    'removed-from-room': 'A moderator removed you from the call.',
    'duplicate-identity': 'You joined this call from another window or device.',
    'media-permission-denied':
      'Access to the camera or microphone was denied. Allow it in your browser’s site settings; meanwhile you can still listen and watch.',
    'media-device-not-found': 'No camera or microphone was found. Plug one in and choose it, or join without it.',
    'media-device-in-use': 'The camera or microphone is used by another application. Close it and try again.',
    'media-device-failed': 'The camera or microphone could not be started. Choose another device, or join without it.',
    'e2ee-unsupported': 'This browser cannot join an end-to-end encrypted call. Try an up-to-date Chrome, Edge, Firefox or Safari.',
    'e2ee-unavailable':
      'End-to-end encryption could not start on this page, so the call was not joined and nothing was sent. Contact the site’s administrator.',
    'screen-share-cancelled': 'Screen sharing was cancelled.',
    'screen-share-failed': 'Your browser could not share the screen. It may not allow it, or not support it.',
    'chat-send-failed': 'Your message could not be sent. Try again.',
    'hand-raise-failed': 'Your hand could not be raised: this call may not allow it, or the connection dropped.',
    unknown: 'Something went wrong.',
    'media-constraints-unsatisfiable': 'Your camera or microphone cannot work with the settings asked for. Choose another device, or join without it.',
    'reaction-send-failed': 'Your reaction could not be sent. Try again.',
    'rename-failed': 'Your name could not be changed: this call may not allow it, or the connection dropped.',
    'entry-denied': 'The host did not let you into this call.',
    'entry-timeout': 'Nobody let you into the call in time. Try again later.',
    'moderation-failed': 'This action could not be done: you may not have the right, or the connection dropped.',
    'recording-failed': 'The recording could not be started or stopped. Try again.',
    'room-closed': 'The call was ended for everyone.',
    // Background effects
    'background-effect-failed': 'Your background could not be blurred or replaced, so your camera is shown as it is.',
    'camera-audio-only': 'Audio only is on to save data: turn it off in the settings to use your camera.',
    'pop-out-failed': 'The call could not open in its own window.',
    // Tchap calls
    'matrix-unreachable': 'Your Matrix server (Tchap) or its call service could not be reached. Check your connection and try again.',
    'matrix-credentials-refused': 'Your Matrix (Tchap) session was refused for this call. Sign in again, then try again.',
    'matrix-livekit-not-found': 'Your Matrix server (Tchap) offers no video calls. Contact the site’s administrator.',
    'matrix-membership-failed': 'You could not be announced in the Matrix room, so others may not see you. Check that you are a member of the room.',
    'noise-suppression-failed': 'Strong noise reduction could not start. Your browser’s own noise reduction is on instead, and your microphone still works.',
    'matrix-keys-failed': 'The call’s encryption keys could not be sent through your Matrix (Tchap) client, so others may not see or hear you. Try again.',
    'chunk-load-failed': 'Part of the call could not be loaded. Check your connection, then reload the page.',
  },
  // Pre-call check
  precheckTitle: 'Connection check',
  precheckChecking: 'Checking the connection to the video server…',
  precheckUdp: 'The video server is reachable over UDP, the best route for calls.',
  precheckTcp: 'The video server is reachable only over TCP (UDP seems blocked): sound and video may lag.',
  precheckRelay: 'The video server is reachable only through a relay server (TURN): sound and video may lag.',
  precheckRoundTrip: 'Round-trip time: {ms} ms',
  precheckMediaBlocked: 'The video server answers, but sound and video cannot get through: a firewall may block them. You can still try to join.',
  precheckUnreachable: 'The video server could not be reached. Check your connection; you can still try to join.',
  precheckUntested: 'The connection could not be tested here. You can still join.',
  microphoneChecking: 'Listening to your microphone…',
  microphoneSound: 'Your microphone picks up sound.',
  microphoneSilent: 'Your microphone seems silent. Check that it is not muted, or choose another one.',
  microphoneUnknown: 'Your microphone could not be tested.',
  precheckAgain: 'Check again',
  // Background effects
  background: 'Background',
  backgroundNone: 'None',
  backgroundBlur: 'Blur',
  backgroundOwn: 'Your own image',
  chooseOwnImage: 'Choose your own image…',
  ownImageNote: 'Your own image stays on this device: it is never uploaded.',
  backgroundUnsupported: 'This browser cannot blur or replace your background.',
  backgroundNoWebgl: 'Blurring or replacing your background needs graphics acceleration (WebGL 2), which is off or missing in this browser.',
  // Pop-out and quality
  popOut: 'Pop out the call',
  popIn: 'Back to the page',
  videoQuality: 'Video quality',
  saveData: 'Save data',
  saveDataOff: 'Off',
  saveDataLowVideo: 'Camera at 360p at most',
  saveDataAudioOnly: 'Audio only (camera off)',
  receiveQuality: 'Video received',
  receiveAuto: 'Automatic',
  receiveLow: 'Low',
  receiveHigh: 'High',
  cameraAudioOnly: 'Audio only is on: the camera stays off',
  qualityExcellentDetail: 'Connection: excellent — sound and video come through clearly.',
  qualityGoodDetail: 'Connection: good — sound and video may lose a little sharpness.',
  qualityPoorDetail: 'Connection: poor — video may freeze and sound may cut out.',
  qualityLostDetail: 'Connection: lost — nothing comes through right now.',
  // Noise suppression
  noiseSuppression: 'Noise reduction',
  noiseSuppressionOff: 'Off',
  noiseSuppressionBrowser: 'Standard (browser)',
  noiseSuppressionStrong: 'Strong',
  noiseSuppressionUnavailable: 'Strong noise reduction is not available in this browser.',
};
