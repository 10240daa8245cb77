// How the pre-call check reads the browser's WebRTC statistics and check tokens: the selected
// candidate pair's transport (UDP, TCP, a TURN relay) and round-trip time, in the shapes Chromium
// (transport.selectedCandidatePairId, currentRoundTripTime) and Firefox (pair.selected) give. The
// test server offers UDP only and no TURN, so TCP and relay paths are proved here, from the
// statistics a browser reports for them.
import { expect } from '@open-wc/testing';
import { isCheckToken, pathFromStats } from '../../src/core/precall-check.js';

const report = (...stats: Array<Record<string, unknown>>) => new Map(stats.map((stat) => [stat.id as string, stat])) as unknown as RTCStatsReport;
const candidates = (protocol: string, candidateType: string) => [
  { id: 'L1', type: 'local-candidate', protocol, candidateType },
  { id: 'R1', type: 'remote-candidate', protocol, candidateType: 'host' },
];
/** A JWT with these claims (unsigned: only the server verifies). */
const jwt = (claims: object) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;

describe('pre-call check: reading the statistics', () => {
  it('reads Chromium’s selected pair: UDP, with its current round-trip time in milliseconds', () => {
    const path = pathFromStats(
      report(
        { id: 'T1', type: 'transport', selectedCandidatePairId: 'P2' },
        { id: 'P1', type: 'candidate-pair', localCandidateId: 'L0', remoteCandidateId: 'R1', currentRoundTripTime: 0.5 },
        { id: 'P2', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', currentRoundTripTime: 0.0234 },
        ...candidates('udp', 'host'),
      ),
    );
    expect(path).to.deep.equal({ transport: 'udp', roundTripTime: 23 });
  });

  it('reads a TCP path, and a relayed one as relay, from Firefox’s selected pair and its averaged round trips', () => {
    const pair = {
      id: 'P1',
      type: 'candidate-pair',
      localCandidateId: 'L1',
      remoteCandidateId: 'R1',
      selected: true,
      totalRoundTripTime: 0.3,
      responsesReceived: 3,
    };
    expect(pathFromStats(report(pair, ...candidates('tcp', 'host')))).to.deep.equal({ transport: 'tcp', roundTripTime: 100 });
    expect(pathFromStats(report(pair, ...candidates('udp', 'relay')))).to.deep.equal({ transport: 'relay', roundTripTime: 100 });
  });

  it('finds no path before a pair is selected, and leaves out a round-trip time not measured yet', () => {
    expect(pathFromStats(report({ id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', state: 'in-progress' }))).to.equal(
      undefined,
    );
    const nominated = { id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', nominated: true, state: 'succeeded' };
    expect(pathFromStats(report(nominated, ...candidates('udp', 'host')))).to.deep.equal({ transport: 'udp' });
  });

  it('accepts only hidden tokens that may not publish as check tokens', () => {
    expect(isCheckToken(jwt({ video: { roomJoin: true, room: 'check-1', hidden: true, canPublish: false, canPublishData: false } }))).to.equal(true);
    // An ordinary join token (LiveKit grants publishing when canPublish is absent): would show the user as joined.
    expect(isCheckToken(jwt({ video: { roomJoin: true, room: 'r' } }))).to.equal(false);
    expect(isCheckToken(jwt({ video: { roomJoin: true, room: 'r', hidden: true } }))).to.equal(false);
    expect(isCheckToken(jwt({ video: { roomJoin: true, room: 'r', canPublish: false } }))).to.equal(false);
    expect(isCheckToken('not a token')).to.equal(false);
  });
});
