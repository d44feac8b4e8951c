"""Stage 3: expanded wikitext (with strip markers) -> the document model.

Block structure as MediaWiki's doTableStuff/doHeadings/BlockLevelPass, inline markup as its
doQuotes/handleInternalLinks/handleExternalLinks/Sanitizer."""
