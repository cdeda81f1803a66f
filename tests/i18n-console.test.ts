// The console's language: --lang, else the terminal's locale variables as POSIX orders them, else
// English; the interactive console greets and answers in it (driven over real streams).
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { consoleLang, langOfEnv, parseLangFlag } from '../src/adapters/console/lang.ts';
import { createConsoleAdapter } from '../src/adapters/console/adapter.ts';
import { renderReply } from '../src/adapters/console/render.ts';
import { reply } from '../src/core/reply.ts';
import { testApp } from './helpers/app.ts';

describe('the console’s language from the environment', () => {
  it('maps POSIX locales: zh_CN → zh-CN, zh_TW and zh_HK → zh-TW, de_* → de, anything else → en', () => {
    expect(langOfEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langOfEnv({ LANG: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(langOfEnv({ LANG: 'zh_HK.Big5-HKSCS' })).toBe('zh-TW');
    expect(langOfEnv({ LANG: 'zh_SG.GB18030' })).toBe('zh-CN');
    expect(langOfEnv({ LANG: 'de_AT@euro' })).toBe('de');
    expect(langOfEnv({ LANG: 'de_CH.UTF-8' })).toBe('de');
    expect(langOfEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langOfEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(langOfEnv({ LANG: 'POSIX' })).toBe('en');
    expect(langOfEnv({})).toBe('en');
  });

  it('LC_ALL wins over LC_MESSAGES, which wins over LANG; an empty variable does not count', () => {
    expect(langOfEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' })).toBe('zh-TW');
    expect(langOfEnv({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'de_DE.UTF-8' })).toBe('de');
    expect(langOfEnv({ LANG: 'de_DE.UTF-8', LC_ALL: '' })).toBe('de');
  });

  it('--lang wins over the environment, any case; anything else is refused naming the choices', () => {
    expect(consoleLang('zh-tw', { LANG: 'de_DE.UTF-8' })).toBe('zh-TW');
    expect(consoleLang(undefined, { LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(parseLangFlag('DE')).toBe('de');
    expect(() => parseLangFlag('fr')).toThrow('--lang must be one of en, zh-CN, zh-TW, de (got "fr").');
    expect(() => parseLangFlag('zh')).toThrow(/--lang must be one of/);
  });
});

describe('the console in the reader’s language', () => {
  it('greets and answers in its language over real streams', async () => {
    const app = testApp();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (b: Buffer) => (text += b.toString('utf8')));
    const closed = new Promise<void>((resolve) => {
      const adapter = createConsoleAdapter(app, { input, output, interactive: true, lang: 'de', onClose: resolve });
      void adapter.start();
    });
    input.end('/chip alibaba\nexit\n');
    await closed;
    app.db.close();
    expect(text).toContain('chipwatch-Konsole.');
    expect(text).toContain('Hauptsitz');
    expect(text).toContain('Weiter: ');
    expect(text).not.toMatch(/^Headquarters/m); // a catalog note may quote English; the field label may not
    expect(text).not.toContain('Next: ');
  });

  it('renders the console’s own words (next, chart, only you) in the reply’s language; English as before', () => {
    const r = reply('x', { visibility: 'ephemeral', actions: [{ label: 'Mehr', command: '/news alibaba' }] });
    expect(renderReply(r)).toBe('x\n\nNext: Mehr → /news alibaba\n(only you can see this)');
    expect(renderReply({ ...r, lang: 'zh-TW' })).toBe('x\n\n下一步：Mehr → /news alibaba\n（僅你可見）');
  });
});
