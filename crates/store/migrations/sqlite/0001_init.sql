CREATE VIRTUAL TABLE claims_fts USING fts5(text, doc_id UNINDEXED, claim_id UNINDEXED, tokenize = 'porter unicode61');
