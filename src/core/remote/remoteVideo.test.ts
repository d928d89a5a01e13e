import { describe, expect, it } from 'vitest';
import { hlsKey, hlsPlaylistKind, hlsVariantList } from './hlsPlaylist';
import { hlsUndecodableSentence, noRangesSentence, retryDelayMs, statusSentence, WHOLE_READ_LIMIT_BYTES } from './readFailures';
import {
  checkUrl,
  contentRangeTotal,
  inputLabel,
  isRemote,
  looksLikeHls,
  parseUrlList,
  remoteName,
  variantLabel,
  type RemoteVideo,
} from './remoteVideo';

const remote: RemoteVideo = {
  kind: 'url',
  url: 'https://a.example/v/a.mp4',
  name: 'a.mp4',
  size: 10,
  lastModified: 0,
  layout: 'progressive',
};

describe('addresses', () => {
  it('takes https and http (http flagged), refuses other schemes, credentials and non-URLs with a sentence naming them', () => {
    expect(checkUrl(' https://cdn.example.com/a.mp4 ')).toEqual({ ok: true, url: 'https://cdn.example.com/a.mp4', insecure: false });
    expect(checkUrl('http://192.168.1.2:8080/a.ts')).toMatchObject({ ok: true, insecure: true });
    expect(checkUrl('ftp://x/a.mp4')).toMatchObject({ ok: false, message: expect.stringContaining('ftp://x/a.mp4') });
    expect(checkUrl('https://user:pw@x/a.mp4')).toMatchObject({ ok: false, message: expect.stringContaining('user name or password') });
    expect(checkUrl('a.mp4')).toMatchObject({ ok: false, message: expect.stringContaining('"a.mp4" is not a web address') });
  });

  it('reads a list: one per line, blanks and # comments left out, repeats once, a sentence per bad line', () => {
    const { urls, problems } = parseUrlList('https://x/a.mp4\n\n# comment\nhttps://x/a.mp4\r\nfile:///a.mp4\nhttps://x/b.m3u8');
    expect(urls).toEqual(['https://x/a.mp4', 'https://x/b.m3u8']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('file:///a.mp4');
  });

  it('names outputs after the last path segment, decoded, else the host', () => {
    expect(remoteName('https://cdn.example.com/rec/a%20b.mp4?sig=1')).toBe('a b.mp4');
    expect(remoteName('https://cdn.example.com/')).toBe('cdn.example.com');
    expect(remoteName('https://x/a%2Fb.mp4')).toBe('a_b.mp4');
    expect(remoteName('https://x/%E0%A4%A.mp4')).toBe('%E0%A4%A.mp4');
  });

  it('tells HLS by the path, and a URL from a file', () => {
    expect(looksLikeHls('https://x/live/index.M3U8?token=1')).toBe(true);
    expect(looksLikeHls('https://x/a.mp4?x=.m3u8')).toBe(false);
    expect(isRemote(remote)).toBe(true);
    expect(isRemote({ name: 'a.mp4', size: 1, lastModified: 1 })).toBe(false);
    expect(inputLabel(remote)).toBe(remote.url);
    expect(inputLabel({ name: 'a.mp4' })).toBe('a.mp4');
  });

  it('reads the total of a Content-Range (RFC 9110 §14.4)', () => {
    expect(contentRangeTotal('bytes 0-0/12345')).toBe(12345);
    expect(contentRangeTotal('bytes */999')).toBe(999);
    expect(contentRangeTotal('bytes 0-0/*')).toBeNull();
    expect(contentRangeTotal(null)).toBeNull();
  });
});

describe('HLS playlists (RFC 8216)', () => {
  const master =
    '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nlow/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080\nhigh/index.m3u8\n';
  it('tells master, VOD and live playlists apart', () => {
    expect(hlsPlaylistKind(master)).toBe('master');
    expect(hlsPlaylistKind('#EXTM3U\n#EXTINF:2,\na.ts\n#EXT-X-ENDLIST\n')).toBe('vod');
    expect(hlsPlaylistKind('#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:2,\na.ts\n')).toBe('vod');
    expect(hlsPlaylistKind('#EXTM3U\n#EXTINF:2,\na.ts\n')).toBe('live');
    expect(hlsPlaylistKind('<html>')).toBe('not-hls');
  });
  it('lists variants highest bandwidth first', () => {
    expect(hlsVariantList(master)).toEqual([
      { bandwidth: 5000000, resolution: '1920x1080', uri: 'high/index.m3u8' },
      { bandwidth: 800000, resolution: '640x360', uri: 'low/index.m3u8' },
    ]);
  });
  it('finds the key of an encrypted media playlist, and none when METHOD=NONE', () => {
    expect(hlsKey('#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="k/1.key",IV=0x01\n#EXTINF:2,\na.ts\n')).toEqual({
      method: 'AES-128',
      uri: 'k/1.key',
    });
    expect(hlsKey('#EXTM3U\n#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://x",KEYFORMAT="com.apple.streamingkeydelivery"\n')).toEqual({
      method: 'SAMPLE-AES',
      uri: 'skd://x',
    });
    expect(hlsKey('#EXTM3U\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:2,\na.ts\n')).toBeNull();
    expect(hlsKey('#EXTM3U\n#EXTINF:2,\na.ts\n')).toBeNull();
  });
  it('names a variant by resolution, bandwidth and place', () => {
    const variants = hlsVariantList(master).map((v) => ({ ...v, uri: `https://x/${v.uri}` }));
    expect(variantLabel(variants, 0)).toBe('1920x1080, 5.0 Mbit/s (variant 1 of 2)');
    expect(variantLabel(variants, 1)).toBe('640x360, 0.8 Mbit/s (variant 2 of 2)');
    expect(variantLabel([{ bandwidth: 12_000_000, resolution: null, uri: 'u' }], 0)).toBe('12 Mbit/s (variant 1 of 1)');
    expect(variantLabel(variants, 5)).toBe('');
  });
});

describe('failure sentences', () => {
  it('name the URL and say what to do', () => {
    expect(statusSentence('https://x/a.mp4', 404)).toBe('https://x/a.mp4 was not found on its server (HTTP 404): check the address.');
    expect(statusSentence('https://x/a.mp4', 403)).toContain('no cookies or credentials');
    expect(noRangesSentence('https://x/a.mp4', 100 * 1024 * 1024)).toContain('only up to 64.0 MB; this one is of 100.0 MB');
    expect(WHOLE_READ_LIMIT_BYTES).toBe(64 * 1024 * 1024);
  });
  it('say why an HLS stream cannot be decoded here', () => {
    expect(hlsUndecodableSentence('https://x/a.m3u8', 'mpeg2video')).toBe(
      "https://x/a.m3u8: this browser cannot decode the stream's video (mpeg2video), and HLS is read only through the browser's decoders (ffmpeg.wasm cannot fetch a playlist's segments). Try another variant, or a browser that decodes mpeg2video.",
    );
    expect(hlsUndecodableSentence('https://x/a.m3u8', null)).toContain('(a codec Snapframe does not know)');
    expect(hlsUndecodableSentence('https://x/a.m3u8', null)).toMatch(/Try another variant\.$/);
  });
  it('retries after 250, 500, 1000 ms', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([250, 500, 1000]);
  });
});
