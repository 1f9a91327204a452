// rolebook default theme script
