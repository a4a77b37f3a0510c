-- Name search, word first. A fragment found at a word start (the search's "word start" follows a space)
-- has its words in the folded name, one after the other, the last as a prefix. This index holds each word
-- and each pair of adjacent words, as verbatim lexemes (no text-search parser or dictionary), so a search
-- of two words or more looks up its pairs: a family name and a town are common words alone but a rare
-- pair (among 5 million names, the trigram index intersects posting lists of very common trigrams: 40 to
-- 75 ms). Words are cut at 120 characters to stay within a lexeme's size (names hold 200 characters).
-- PL/pgSQL: a SQL function with subqueries is not inlined, and cost 20 times as much per name.
CREATE FUNCTION search_words(name text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
    AS $$
    DECLARE
        lexemes text[] := '{}';
        previous text;
        word text;
    BEGIN
        FOREACH word IN ARRAY string_to_array(public.search_fold(name), ' ') LOOP
            CONTINUE WHEN word = '';
            word := left(word, 120);
            lexemes := lexemes || word;
            IF previous IS NOT NULL THEN
                lexemes := lexemes || (previous || ' ' || word);
            END IF;
            previous := word;
        END LOOP;
        RETURN array_to_tsvector(lexemes);
    END
    $$;

CREATE INDEX entity_name_words ON entity USING gin (search_words(legal_name));
