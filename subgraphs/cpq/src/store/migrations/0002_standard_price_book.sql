-- Every org has a standard price book (Salesforce's "Standard Price Book"): quotes fall back to it for any product a
-- dealer's book does not price, so it exists from the start rather than only with the demo catalogue.
insert into price_books (id, name, is_standard, currency)
select 'standard-price-book', 'Standard Price Book', true, 'EUR'
where not exists (select 1 from price_books where is_standard);
