"""The documenters' workspace: take reports in, review drafts into verified records, browse and search."""
