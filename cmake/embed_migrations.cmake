# Writes OUT: a C++ file defining peduli::store::kMigrations from DIR/*.sql,
# sorted by name (NNNN_name.sql).
file(GLOB FILES ${DIR}/*.sql)
list(SORT FILES)
set(body "")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME)
  file(READ ${f} sql)
  string(APPEND body "  {\"${name}\", R\"peduli_sql(${sql})peduli_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "#include \"store/migrate.h\"\n\nnamespace peduli::store {\n\nconst std::vector<Migration> kMigrations = {\n${body}};\n\n}  // namespace peduli::store\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
