"""How the web pages write dates, one style per language (settings.FORMAT_MODULE_PATH): English
"31 December 2014", Spanish "31 de diciembre de 2014", the short formats the same, so a page never
mixes "12/31/2014" with "Dec. 31, 2014". The API, the CSV files and date inputs keep ISO dates
(YYYY-MM-DD); what a module leaves out (input formats, number separators) is Django's own."""
