/**
 * The scripts `alipay-card completion <shell>` prints. Each asks `alipay-card __complete -- <words>`
 * (the words after the program's name, the last one being typed) and gets back a first line
 * `:files` or `:nofiles` (whether file names fit too), then one candidate per line: every shell
 * completes from the same command tree (complete.ts).
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# alipay-card completion for bash. Load it in this shell:   source <(alipay-card completion bash)
# or for every shell: alipay-card completion bash > ~/.local/share/bash-completion/completions/alipay-card
_alipay_card() {
  local IFS=$'\\n' line="\${COMP_LINE:0:COMP_POINT}" word cur prefix breaks
  local -i i blank cword=0
  local -a words out
  # bash splits words at the characters of COMP_WORDBREAKS, = and : among them (--output=j is three
  # words in COMP_WORDS): join them again where the line has no blank between them, as
  # bash-completion's _get_comp_words_by_ref -n =: does, so the command sees the words as typed.
  for ((i = 0; i <= COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    blank=0
    [[ $line == [[:blank:]]* ]] && blank=1
    line="\${line#"\${line%%[![:blank:]]*}"}"
    line="\${line#"$word"}"
    if ((i > 1 && !blank)) && [[ $word =~ ^[=:]+$ || \${words[cword]} =~ [=:]$ ]]; then
      words[cword]+="$word"
    else
      ((i > 0)) && cword+=1
      words[cword]="$word"
    fi
  done
  cur="\${words[cword]}"
  out=($(alipay-card __complete -- "\${words[@]:1:cword}" 2>/dev/null)) || return 0
  COMPREPLY=("\${out[@]:1}")
  # A --set path ends in '=': its value follows without a space.
  [[ \${#COMPREPLY[@]} -eq 1 && "\${COMPREPLY[0]}" == *= ]] && compopt -o nospace 2>/dev/null
  # bash replaces only what follows the last word break in the word (--output=j: the j), so each
  # candidate, whole (--output=json), gives only that part.
  breaks="\${COMP_WORDBREAKS//[^=:]/}"
  if [[ -n $breaks && $cur == *[$breaks]* ]]; then
    prefix="\${cur%"\${cur##*[$breaks]}"}"
    COMPREPLY=("\${COMPREPLY[@]#"$prefix"}")
  fi
  if [[ "\${out[0]}" == ":files" ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -f -- "\${cur#"$prefix"}"))
  fi
  return 0
}
complete -F _alipay_card alipay-card
`;

const ZSH = `#compdef alipay-card
# alipay-card completion for zsh. Load it in this shell (after compinit):   source <(alipay-card completion zsh)
# or for every shell: alipay-card completion zsh > "\${fpath[1]}/_alipay-card"   (then start a new shell)
_alipay_card() {
  local -a out candidates
  out=("\${(@f)$(alipay-card __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  candidates=("\${(@)out[2,-1]}")
  candidates=(\${candidates:#})
  # A --set path ends in '=': its value follows without a space (fish does this by itself).
  local -a paths=(\${(M)candidates:#*=}) others=(\${candidates:#*=})
  (( \${#others} )) && compadd -- "\${others[@]}"
  (( \${#paths} )) && compadd -S '' -- "\${paths[@]}"
  # --config=<TAB>: file names after the '='.
  [[ "\${out[1]}" == ":files" ]] && { [[ $PREFIX == -*=* ]] && compset -P '*='; _files }
  return 0
}
# Autoloaded from fpath, this file is the body of a function named after the file (_alipay-card as
# installed above): that first call is a TAB, so complete it now. Sourced, register the function.
if [[ "\${funcstack[1]}" == _alipay[-_]card ]]; then
  _alipay_card "$@"
else
  compdef _alipay_card alipay-card
fi
`;

const FISH = `# alipay-card completion for fish. Load it in this shell:   alipay-card completion fish | source
# or for every shell: alipay-card completion fish > ~/.config/fish/completions/alipay-card.fish
function __alipay_card_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    set -l out (alipay-card __complete -- $words "$current" 2>/dev/null)
    or return 0
    for candidate in $out[2..-1]
        echo $candidate
    end
    if test "$out[1]" = ":files"
        __fish_complete_path "$current"
    end
end
complete -c alipay-card -f -a '(__alipay_card_complete)'
`;

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
