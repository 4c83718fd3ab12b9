
<
table3
1"/
/tmp/vane-fixtures/schema/table
a
b