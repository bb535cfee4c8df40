-- a business account's verified name, from the certificate its messages carry
alter table contacts add column business_name text;
