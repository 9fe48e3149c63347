"""What each command does beyond the build: `explain`, `list`, `init`, `schema` and `import dfe`,
and what the console shows. `kpicli/cli.py` parses each command's options and calls one
function here (or `kpicli.pipeline` for `build` and `validate`)."""
