-- The Salesforce sync.
--
-- A quote born in Salesforce carries none of the columns only CPQ keeps: it is numbered from the same sequence as
-- ours, named after its number, and recorded as created by the sync.
alter table quotes alter column number set default 'Q-' || lpad(nextval('quote_numbers')::text, 5, '0');
alter table quotes alter column name set default 'Quote from Salesforce';
alter table quotes alter column created_by set default 'salesforce-sync';

-- Salesforce needs the price book entry each order product was priced from (OrderItem.PricebookEntryId, required
-- and fixed once set): the entry of the quote's price book for the product, else the standard book's, as pricing
-- falls back. Kept on the row so the sync pushes it like any other reference.
alter table order_items add column price_book_entry_id text references price_book_entries (id);

create function order_item_price_book_entry() returns trigger language plpgsql as $$
begin
  if new.price_book_entry_id is null then
    new.price_book_entry_id := coalesce(
      (select e.id from orders o join quotes q on q.id = o.quote_id join price_book_entries e on e.price_book_id = q.price_book_id and e.product_id = new.product_id where o.id = new.order_id),
      (select e.id from price_book_entries e join price_books b on b.id = e.price_book_id and b.is_standard where e.product_id = new.product_id)
    );
  end if;
  return new;
end $$;

create trigger order_items_price_book_entry before insert on order_items for each row execute function order_item_price_book_entry();

update order_items i set price_book_entry_id = coalesce(
  (select e.id from orders o join quotes q on q.id = o.quote_id join price_book_entries e on e.price_book_id = q.price_book_id and e.product_id = i.product_id where o.id = i.order_id),
  (select e.id from price_book_entries e join price_books b on b.id = e.price_book_id and b.is_standard where e.product_id = i.product_id)
);

-- A quote line born in Salesforce brings its price waterfall, not what CPQ keeps beside it: the product's code, name,
-- category and family are copied from the product, and the list total and total discount follow from the prices it
-- brought, as CPQ computes them (list price prorated by nothing Salesforce sent, times the quantity).
create function quote_line_from_salesforce() returns trigger language plpgsql as $$
begin
  if new.product_code is null then
    select p.code, p.name, p.category, p.family into new.product_code, new.product_name, new.category, new.family from products p where p.id = new.product_id;
    new.prorated_list_price := coalesce(new.prorated_list_price, new.list_price);
    new.list_total := coalesce(new.list_total, new.prorated_list_price * new.quantity);
    new.total_discount_amount := coalesce(new.total_discount_amount, new.list_total - new.net_total);
    new.total_discount_percent := coalesce(new.total_discount_percent, case when new.list_total > 0 then round(100 * new.total_discount_amount / new.list_total, 2) else 0 end);
  end if;
  return new;
end $$;

create trigger quote_lines_from_salesforce before insert on quote_lines for each row execute function quote_line_from_salesforce();
