// The segment filter language (ADR 0050): conditions over account fields, combined with and/or/not and parentheses.
//   tier = "enterprise" and health.band in ("red", "yellow") and usage.active_users_30d < 3
// Keywords are case-insensitive; strings take double or single quotes with backslash escapes.
grammar SegmentFilter;

filter      : expression EOF ;

expression  : NOT expression                         # not
            | expression AND expression              # and
            | expression OR expression               # or
            | LPAREN expression RPAREN               # group
            | condition                              # leaf
            ;

condition   : field op=('=' | '!=' | '<' | '<=' | '>' | '>=') literal   # compare
            | field NOT? IN LPAREN literal (',' literal)* RPAREN         # in
            | field NOT? CONTAINS literal                                # contains
            | field IS NOT? EMPTY                                        # empty
            ;

field       : IDENT ('.' name)* (LPAREN STRING RPAREN)? ;

name        : IDENT | AND | OR | NOT | IN | CONTAINS | IS | EMPTY | TRUE | FALSE ;

literal     : STRING                                 # string
            | '-'? NUMBER                            # number
            | (TRUE | FALSE)                         # bool
            | DATE                                   # date
            ;

LPAREN   : '(' ;
RPAREN   : ')' ;
AND      : [aA][nN][dD] ;
OR       : [oO][rR] ;
NOT      : [nN][oO][tT] ;
IN       : [iI][nN] ;
CONTAINS : [cC][oO][nN][tT][aA][iI][nN][sS] ;
IS       : [iI][sS] ;
EMPTY    : [eE][mM][pP][tT][yY] ;
TRUE     : [tT][rR][uU][eE] ;
FALSE    : [fF][aA][lL][sS][eE] ;

DATE     : [0-9][0-9][0-9][0-9] '-' [0-9][0-9] '-' [0-9][0-9] ;
NUMBER   : [0-9]+ ('.' [0-9]+)? ;
STRING   : '"' (~["\\\r\n] | '\\' .)* '"'
         | '\'' (~['\\\r\n] | '\\' .)* '\''
         ;
IDENT    : [a-zA-Z_] [a-zA-Z_0-9]* ;
WS       : [ \t\r\n]+ -> skip ;
ERROR    : . ;
