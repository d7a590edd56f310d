import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, cleanEnv } from './cli.js';

// Issue 15 item 1: each shell's script, run in that shell, against the real bin. bash runs the
// function complete -F would (COMP_WORDS set as bash sets them); fish runs its own completion
// engine (complete -C); zsh runs the function with compsys's words/CURRENT/PREFIX, a compadd that
// prints what it is given and a _files that globs PREFIX* (compsys itself needs a terminal). zsh and fish are Debian packages: installed here when missing (CI runs
// as root with the archive reachable); a shell that cannot be had is said, not passed silently.

function have(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

function ensureShells(): string[] {
  const missing = ['zsh', 'fish'].filter((s) => !have(s));
  if (missing.length > 0 && process.getuid?.() === 0) {
    const apt = (...args: string[]) => spawnSync('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'ignore', timeout: 300_000 }).status === 0;
    const install = () => apt('install', '-y', '--no-install-recommends', ...missing);
    // A fresh machine may have no package lists yet.
    if (!install()) apt('update') && install();
  }
  return ['bash', 'zsh', 'fish'].filter(have);
}

const shells = ensureShells();
const work = mkdtempSync(join(tmpdir(), 'alipay-card-completion-'));
const pathDir = join(work, 'bin');
mkdirSync(pathDir);
symlinkSync(binPath, join(pathDir, 'alipay-card'));
// A project whose config has two profiles: `-p <TAB>` lists them.
const project = join(work, 'project');
mkdirSync(project);
writeFileSync(join(project, '.alipay-cardrc.json'), JSON.stringify({ profiles: { sandbox: { appId: '2021000000000001' }, prod: { appId: '2021000000000002' } } }));
writeFileSync(join(project, 'members.csv'), 'user_uni_id\n');
writeFileSync(join(project, 'other.json'), JSON.stringify({ profiles: { other1: {}, other2: {} } }));
const env = cleanEnv({ PATH: `${pathDir}:${process.env.PATH}` });

/** The candidates `shell` offers for `line` (the cursor at its end), sorted. */
function candidates(shell: string, line: string): string[] {
  const words = line.split(' ');
  const quoted = words.map((w) => `'${w}'`).join(' ');
  // COMP_WORDS as bash makes them: = and : (in COMP_WORDBREAKS) are words of their own.
  const bashWords = words.flatMap((w) => w.split(/([=:]+)/)).filter((w, i, all) => w !== '' || i === all.length - 1);
  const scripts: Record<string, string> = {
    bash: `source <(alipay-card completion bash); COMP_LINE='${line}'; COMP_POINT=${line.length}; COMP_WORDS=(${bashWords.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${bashWords.length - 1}; _alipay_card; printf '%s\\n' "\${COMPREPLY[@]}"`,
    zsh: `compadd() { while [[ $1 != -- ]]; do shift; done; shift; print -l -- "$@"; }; _files() { setopt localoptions globdots; print -l -- $PREFIX*(N); }; compdef() { :; }
source <(alipay-card completion zsh); words=(${quoted}); CURRENT=${words.length}; PREFIX=$words[CURRENT]; _alipay_card`,
    fish: `alipay-card completion fish | source; complete -C ${JSON.stringify(line)}`,
  };
  const r = spawnSync(shell, ['-c', scripts[shell]!], { cwd: project, env, encoding: 'utf8', timeout: 30_000 });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').map((l) => l.split('\t')[0]!).filter(Boolean).sort();
}

describe('alipay-card completion, in each shell', () => {
  it('has bash, zsh and fish to run the scripts in', () => {
    expect(shells).toEqual(['bash', 'zsh', 'fish']);
  });

  describe.each(shells)('%s', (shell) => {
    it('ca<TAB> → card; card <TAB> → its subcommands', () => {
      expect(candidates(shell, 'alipay-card ca')).toEqual(['card']);
      expect(candidates(shell, 'alipay-card card ')).toEqual(['batch', 'delete', 'open', 'query', 'update']);
    });

    it('card open --ou<TAB> → --out-serial-no --output; --output <TAB> → table json ndjson', () => {
      expect(candidates(shell, 'alipay-card card open --ou')).toEqual(['--out-serial-no', '--output']);
      expect(candidates(shell, 'alipay-card card open --output ')).toEqual(['json', 'ndjson', 'table']);
    });

    it('-p <TAB> lists the config\'s profiles; enum values of --gateway and --reason; --set field paths', () => {
      expect(candidates(shell, 'alipay-card -p ')).toEqual(['prod', 'sandbox']);
      expect(candidates(shell, 'alipay-card card open --gateway ')).toEqual(['local', 'production', 'sandbox']);
      expect(candidates(shell, 'alipay-card card delete X --reason ')).toEqual(['CANCEL', 'PRESENT', 'USER_UNBUND']);
      expect(candidates(shell, 'alipay-card card batch m.csv --action ')).toEqual(['delete', 'open', 'update']);
      expect(candidates(shell, 'alipay-card card open --set card_ext_info.val')).toEqual(['card_ext_info.valid_date=']);
    });

    if (shell === 'zsh') {
      it('a --set path is added with no space after its =; other words with one', () => {
        const script = `compadd() { local s=' '; while [[ $1 != -- ]]; do [[ $1 == -S ]] && { s=$2; shift; }; shift; done; shift; for c in "$@"; do print -r -- "[$c$s]"; done; }
compdef() { :; }; source <(alipay-card completion zsh)`;
        const run = (line: string) => {
          const words = line.split(' ').map((w) => `'${w}'`).join(' ');
          return spawnSync('zsh', ['-c', `${script}; words=(${words}); CURRENT=${line.split(' ').length}; _alipay_card`], { cwd: project, env, encoding: 'utf8' }).stdout.trim();
        };
        expect(run('alipay-card card update X --set card_info.poi')).toBe('[card_info.point=]');
        expect(run('alipay-card ca')).toBe('[card ]');
      });
    }

    if (shell === 'zsh') {
      // Installed as README says (the script saved as _alipay-card in fpath, compinit), the first
      // TAB of a new shell runs the autoloaded _alipay-card: it must complete, not only register.
      // A real interactive zsh on a pseudo-terminal (zsh/zpty): compsys, autoload and the line editor.
      it('installed in fpath: the first TAB of a new shell completes (ca<TAB> → card)', () => {
        const functions = join(work, 'zfunc');
        mkdirSync(functions, { recursive: true });
        writeFileSync(join(functions, '_alipay-card'), spawnSync('alipay-card', ['completion', 'zsh'], { env, encoding: 'utf8' }).stdout);
        const script = `zmodload zsh/zpty
zpty -b z 'zsh -f -i'
zpty -w z "PS1='> '; fpath=(${functions} \$fpath); autoload -Uz compinit; compinit -u -d ${join(work, 'zcompdump')}; print READY"
zpty -r -m z out '*READY*'
zpty -n -w z $'alipay-card ca\t'
zpty -r -m z out '*alipay-card card*' && print -r -- COMPLETED
zpty -d z`;
        const r = spawnSync('zsh', ['-f', '-c', script], { cwd: project, env, encoding: 'utf8', timeout: 20_000 });
        expect(r.stdout).toContain('COMPLETED');
      });
    }

    it('file names where a file is taken: card batch <TAB>, --config <TAB>, config init --file <TAB>', () => {
      expect(candidates(shell, 'alipay-card card batch ')).toContain('members.csv');
      expect(candidates(shell, 'alipay-card --config .al')).toEqual(['.alipay-cardrc.json']);
      expect(candidates(shell, 'alipay-card config init --file mem')).toEqual(['members.csv']);
    });

    it('config set <TAB> → the settings; a file setting\'s value → file names; config use <TAB> → the profiles', () => {
      expect(candidates(shell, 'alipay-card config set ')).toEqual(['alipayCertFile', 'alipayPublicKey', 'alipayPublicKeyFile', 'alipayRootCertFile', 'appCertFile', 'appId',
        'charset', 'encryptKeyFile', 'gateway', 'lang', 'privateKeyFile', 'signType', 'timeoutMs']);
      expect(candidates(shell, 'alipay-card config set privateKeyFile mem')).toEqual(['members.csv']);
      expect(candidates(shell, 'alipay-card config set signType ')).toEqual(['RSA', 'RSA2']);
      expect(candidates(shell, 'alipay-card config use ')).toEqual(['prod', 'sandbox']);
    });

    it('-c other.json -p <TAB> lists the profiles of other.json, not of the config found here', () => {
      expect(candidates(shell, 'alipay-card -c other.json -p ')).toEqual(['other1', 'other2']);
      expect(candidates(shell, 'alipay-card --config=other.json config use ')).toEqual(['other1', 'other2']);
    });

    it('--output=<TAB> → its values; --set path=<TAB> offers nothing (no command list)', () => {
      // bash replaces only what follows the '=' (a word break); zsh and fish complete the whole word.
      const whole = shell === 'bash' ? (v: string) => v.replace(/^.*=/, '') : (v: string) => v;
      expect(candidates(shell, 'alipay-card card open --output=')).toEqual(['--output=json', '--output=ndjson', '--output=table'].map(whole));
      expect(candidates(shell, 'alipay-card card open --output=j')).toEqual(['--output=json'].map(whole));
      expect(candidates(shell, 'alipay-card card open --set card_ext_info.valid_date=')).toEqual([]);
    });
  });
});
