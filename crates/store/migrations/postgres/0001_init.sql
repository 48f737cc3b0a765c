CREATE INDEX claims_fts ON claims USING GIN (to_tsvector('english', coalesce(text, '')));
