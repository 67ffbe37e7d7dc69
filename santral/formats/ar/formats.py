# Arabic formats Django leaves out (docs/language.md): without them an Arabic page showed
# an event's date and time in the English pattern, and in the wrong order once laid out
# right to left. Day, month name, year, then the time: "7 ديسمبر، 2026، 6:30 م".
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
