# bash completion for framer: commands from `framer --list-commands`, options from `framer COMMAND --help`,
# so it never falls out of step with the program. Installed by `cmake --install` into
# share/bash-completion/completions/framer.
_framer() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local prog="${COMP_WORDS[0]}"
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$("$prog" --list-commands 2>/dev/null) help" -- "$cur"))
        return
    fi
    local command="${COMP_WORDS[1]}"
    if [[ $command == help && $COMP_CWORD -eq 2 ]]; then
        COMPREPLY=($(compgen -W "$("$prog" --list-commands 2>/dev/null)" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local options
        options=$("$prog" "$command" --help 2>/dev/null | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _framer framer
