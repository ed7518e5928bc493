//! Suppression comments: `<!-- copydesk-disable-next-line code -->` and `<!-- copydesk-disable code -->`.
