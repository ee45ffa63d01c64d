/** The database the gateway uses when DATABASE_URL is unset outside production (until local mode embeds one). */
export const LOCAL_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/scooter_ops";
