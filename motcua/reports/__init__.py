"""Administrative-reform reports: the appendix 01b table, its checks and the values units enter."""
