"""Web pages of surveys: thin — check the rule, call a selector or a service, render."""
