{{%AUTOESCAPE context="HTML"}}<!doctype html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · Peduli WNI</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/pico.min.css">
<link rel="stylesheet" href="/static/app.css">
<meta name="htmx-config" content="{{HTMX_CONFIG}}">
<script src="/static/htmx.min.js" defer></script>
</head>
<body hx-boost="true">
<header class="container">
<nav>
<ul><li><a href="/" class="brand"><strong>Peduli WNI</strong></a></li></ul>
<ul>
{{#CITIZEN}}<li><a href="/beranda">{{T_nav_home}}</a></li>{{/CITIZEN}}
{{#CONSOLE}}<li><a href="/konsol">{{T_nav_console}}</a></li>{{/CONSOLE}}
{{#ADMIN}}<li><a href="/admin">{{T_nav_admin}}</a></li>{{/ADMIN}}
{{#AUDIT}}<li><a href="/audit">{{T_nav_audit}}</a></li>{{/AUDIT}}
{{#SIGNED_OUT}}<li><a href="/masuk">{{T_nav_sign_in}}</a></li><li><a href="/daftar">{{T_nav_sign_up}}</a></li>{{/SIGNED_OUT}}
{{#SIGNED_IN}}<li><form method="post" action="/keluar" class="inline"><input type="hidden" name="_csrf" value="{{CSRF}}"><button type="submit" class="secondary outline">{{T_nav_sign_out}}</button></form></li>{{/SIGNED_IN}}
<li>{{#LANG_ID}}<a href="{{PATH}}?lang=en" lang="en" hx-boost="false">English</a>{{/LANG_ID}}{{#LANG_EN}}<a href="{{PATH}}?lang=id" lang="id" hx-boost="false">Bahasa Indonesia</a>{{/LANG_EN}}</li>
</ul>
</nav>
</header>
<main class="container">
{{#FLASH}}<p class="flash{{#FLASH_ERROR}} flash-error{{/FLASH_ERROR}}" role="{{ROLE}}">{{TEXT}}</p>{{/FLASH}}
{{>CONTENT}}
</main>
<footer class="container"><small>{{T_footer_text}}</small></footer>
</body>
</html>
