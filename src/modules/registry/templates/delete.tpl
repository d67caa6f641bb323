{{%AUTOESCAPE context="HTML"}}
<article>
<h1>{{T_delete_title}}</h1>
<p>{{T_delete_intro}}</p>
<form method="post" action="/hapus-akun">
<input type="hidden" name="_csrf" value="{{CSRF}}">
<label><input type="checkbox" name="confirm" value="yes"> {{T_delete_confirm}}</label>
<button type="submit" class="contrast">{{T_delete_button}}</button>
</form>
</article>
